// Person names in Chinese, Japanese and Korean script, which has no capitals to start a run: a name is found by what
// surrounds it. An honorific after it (Japanese 田中さん, 佐藤様; Chinese 王先生, 李女士; Korean 김민준 씨, 민준님), a cue
// before it in the text's language (我叫, 姓名：, 名前は, 氏名：, 제 이름은, 이름:) or in a Latin-script text ("my colleague
// 王小明", "Dear 김민준"). Without such evidence nothing is taken: Chinese and Japanese do not separate words, and a
// run of characters is far more often words than a name.
import { type Detection, PRIORITY } from "./detection.js";

const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
const KANA = "\\u30a0-\\u30ff";
const HANGUL = "\\uac00-\\ud7a3";

/** Japanese honorifics after a name of kanji or katakana (1 to 4 characters before it; the name is group 1). */
const JAPANESE_HONORIFIC = new RegExp(
  `(?<![${HAN}${KANA}])([${HAN}${KANA}]{1,4})(?:さん|様|さま|くん|ちゃん|先生|氏)`,
  "gu",
);
/** Chinese forms of address after a name (group 1: the run of characters before it, which ends with the name). */
const CHINESE_HONORIFIC = new RegExp(`([${HAN}]+)(?:先生|女士|小姐|老师|同学|经理|总)`, "gu");
/** Korean honorifics after a name of 2 to 4 syllables (the name is group 1). */
const KOREAN_HONORIFIC = new RegExp(
  `(?<![${HANGUL}])([${HANGUL}]{2,4})\\s?(?:씨|님)(?=[은는이가을를의께에과와도요]|[^${HANGUL}]|$)`,
  "gu",
);
/** Korean words that take 님 but are titles or roles, not names. */
const KOREAN_TITLES: ReadonlySet<string> = new Set(
  "선생 사장 부장 과장 팀장 고객 회원 교수 의사 원장 대표 이사 실장 형 누나 언니 오빠 어머 아버 할머 할아버 손".split(
    " ",
  ),
);
/** Cues in the script's own languages ("my name is", "name:", "contact:"), each ending right before the name. */
const CJK_CUE = new RegExp(
  [
    "我叫",
    "我的名字(?:是|叫)",
    "名字(?:是|叫|[:：])",
    "姓名[:：]?",
    "联系人[:：]",
    "收件人[:：]",
    "私の名前は",
    "名前[:：は]",
    "氏名[:：]?",
    "担当者?[:：]",
    "제 이름은",
    "이름[:：은는]",
    "성함[:：은는]",
  ]
    .map((cue) => `(?:${cue})`)
    .join("|"),
  "gu",
);
/** Hiragana or katakana: the text is Japanese. */
const KANA_TEXT = /[\u3040-\u30ff]/;
/** The characters of a name after a cue: a run of one script. */
const NAME_RUN = new RegExp(`[${HAN}]+|[${KANA}・]+|[${HANGUL}]+`, "uy");
/** What may follow a Korean or Japanese name after a cue and is not part of it: particles, copulas, honorifics. */
const TRAILING =
  /(?:입니다|이에요|예요|이고|이며|씨|님|은|는|이|가|을|를|의|です|と申します|といいます|だ|さん|様|先生|女士|小姐)$/u;
/** The 100 commonest Chinese surnames: a name after a cue in running Chinese text starts with one. */
const CHINESE_SURNAMES = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
]);
const COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "慕容", "尉迟", "公孙"];

/** Whether a UTF-16 code is a letter of Chinese, Japanese katakana or Korean script (the first pass counts them). */
export function isCjkLetter(code: number): boolean {
  return (
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x30a0 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7a3)
  );
}

function push(out: Detection[], start: number, end: number): void {
  out.push({ category: "PERSON_NAME", start, end, priority: PRIORITY.personName });
}

/** How many characters at the end of a Han run are a name: the longest of three, two or one starting with a surname. */
function chineseNameBefore(run: string): number {
  for (let length = Math.min(4, run.length); length >= 1; length--) {
    const name = run.slice(run.length - length);
    if (
      length === 4
        ? COMPOUND_SURNAMES.some((surname) => name.startsWith(surname))
        : CHINESE_SURNAMES.has(name.charAt(0))
    )
      return length;
  }
  return 0;
}

/** The end of a Chinese name at the start of a Han run: a surname (one or two characters) and a given name. */
function chineseNameEnd(run: string): number {
  if (run.length <= 4) return run.length;
  const compound = COMPOUND_SURNAMES.some((surname) => run.startsWith(surname));
  if (compound) return Math.min(run.length, 4);
  return CHINESE_SURNAMES.has(run.charAt(0)) ? 3 : 0;
}

/**
 * Appends a PERSON_NAME for each name in CJK script with an honorific after it or a cue before it.
 * @param latinCueBefore Whether a Latin-script cue ("my colleague", "Dear", "Name:") ends right before `start`.
 */
export function detectCjkNames(
  text: string,
  out: Detection[],
  latinCueBefore: (text: string, start: number) => boolean,
): void {
  for (const pattern of [JAPANESE_HONORIFIC, KOREAN_HONORIFIC]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const name = match[1] as string;
      if (pattern === KOREAN_HONORIFIC && KOREAN_TITLES.has(name)) continue;
      push(out, match.index, match.index + name.length);
    }
  }
  CHINESE_HONORIFIC.lastIndex = 0;
  for (let match = CHINESE_HONORIFIC.exec(text); match !== null; match = CHINESE_HONORIFIC.exec(text)) {
    // The name ends the run before the form of address and starts with a surname ("我和王小明先生": 王小明).
    const run = match[1] as string;
    const length = chineseNameBefore(run);
    if (length > 0) push(out, match.index + run.length - length, match.index + run.length);
  }
  // Names after a cue in the script's language: the run right after it ("我叫王小明": 王小明).
  CJK_CUE.lastIndex = 0;
  for (let match = CJK_CUE.exec(text); match !== null; match = CJK_CUE.exec(text)) {
    let start = match.index + match[0].length;
    while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 0x3000)) start++;
    pushNameAfterCue(text, start, out);
  }
  // Names after a Latin-script cue: a run of CJK letters that starts a word ("my colleague 王小明").
  for (let i = 0; i < text.length; i++) {
    if (!isCjkLetter(text.charCodeAt(i)) || (i > 0 && isCjkLetter(text.charCodeAt(i - 1)))) continue;
    if (latinCueBefore(text, i)) pushNameAfterCue(text, i, out);
    while (i + 1 < text.length && isCjkLetter(text.charCodeAt(i + 1))) i++;
  }
}

/** Appends the name that starts at `start`, after a cue: the run of one script there, without particles. */
function pushNameAfterCue(text: string, start: number, out: Detection[]): void {
  NAME_RUN.lastIndex = start;
  const run = NAME_RUN.exec(text)?.[0];
  if (run === undefined) return;
  const first = run.charCodeAt(0);
  let name = run;
  if (first >= 0xac00 && first <= 0xd7a3) {
    // Korean separates words: the run is the name, with its particle or copula after it.
    while (TRAILING.test(name) && name.length > 2) name = name.replace(TRAILING, "");
  } else if (first < 0x30a0 || first > 0x30ff) {
    // Kanji in Japanese text (it has kana): a family and a given name of up to four characters together. Chinese: no
    // word breaks, so a surname and a given name at the run's start.
    const bare = run.replace(TRAILING, "");
    name = KANA_TEXT.test(text) ? bare.slice(0, 4) : run.slice(0, chineseNameEnd(bare));
  }
  if (name.length > 0) push(out, start, start + name.length);
}
