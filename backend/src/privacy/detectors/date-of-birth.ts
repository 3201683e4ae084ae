// Dates of birth: a date, in any of the common formats, with a birth cue before it in the same sentence ("born on",
// "DOB:", "date of birth", "birthday", "b.") or right after it ("… is my birthday", "(DOB)"). Dates without such a
// cue (deadlines, invoices, meetings) are not dates of birth. A day and month without a year count after
// "birthday" or "born on".
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
];
/** English month names and abbreviations, lower case. */
export const MONTHS: ReadonlySet<string> = new Set(MONTH_NAMES);

const MONTH_FORMS = MONTH_NAMES.flatMap((m) => [m, m.toUpperCase(), `${m.charAt(0).toUpperCase()}${m.slice(1)}`]);
const MONTH = `(?:${MONTH_FORMS.join("|")})\\.?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d\d`;
const DATE_SHAPES = [
  String.raw`${YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])`,
  String.raw`(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:${YEAR}|\d\d)`,
  String.raw`${DAY}(?:\s+of)?[\s-]+${MONTH}(?:,?[\s-]+${YEAR})?`,
  String.raw`${MONTH}\s+${DAY}(?:,?\s+${YEAR})?`,
];
/** A date in any of the shapes above, on its own (not inside a longer number or word). */
const DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}./-])(?:${DATE_SHAPES.map((shape) => `(?:${shape})`).join("|")})(?![\p{L}\p{N}]|[./-]\d)`,
  "gu",
);
const CUE_BEFORE =
  /(?:\bborn\b|\bbirth|\bb-?day|\bdob\b|d\.o\.b\.?|\bb\.\s*$|\bnée?\b|\bgeboren|\bnacid[oa]|\bnat[oa]\b)[^.!?\n]{0,48}$/i;
const CUE_AFTER = /^[^.!?\n]{0,30}?(?:\bborn\b|\bbirth|\bb-?day|\bdob\b|d\.o\.b)/i;
/** A date after one of these verbs belongs to something else ("Born This Way was released on …"). */
const OTHER_EVENT =
  /\b(?:released|published|aired|premiered|launched|founded|established|opened|came out|debuted|issued|dated|due|expires?|expired|renewed)\b/i;
/** Without one of these, no date is a date of birth. */
const CUE_WORDS = /born|birth|b-?day|dob|d\.o\.b|\bb\.|née|geboren|nacid|nat[oa]/;
/** Year-less dates need a stronger cue right before them. */
const STRONG_CUE_BEFORE = /(?:\bborn\b|birthday|\bb-?day|\bdob\b|d\.o\.b\.?|date of birth|birth ?date)[^.!?\n]{0,20}$/i;

/** The words of the cues below, for a gate before searching for them (" b." stands for `\bb\.`). */
const CUE_GATE = new WordGate(
  "born birth dob d.o.b bday b-day née nee geboren nacid nato nata".split(" ").concat([" b."]),
);

export const dateOfBirthDetector: Detector = {
  category: "DATE_OF_BIRTH",
  mayMatch(scan: TextScan): boolean {
    if (scan.digits < 1 || !CUE_GATE.mayContain(scan.trigrams)) return false;
    const lower = scan.lower;
    return (
      lower.includes("born") ||
      lower.includes("birth") ||
      lower.includes("dob") ||
      lower.includes("d.o.b") ||
      lower.includes("bday") ||
      lower.includes("b-day") ||
      lower.includes("née") ||
      lower.includes("nee") ||
      lower.includes("geboren") ||
      lower.includes("nacid") ||
      lower.includes("nato") ||
      lower.includes("nata") ||
      (lower.includes("b.") && CUE_WORDS.test(lower))
    );
  },
  detect({ text }: TextScan, out: Detection[]): void {
    let previousEnd = 0;
    DATE.lastIndex = 0;
    for (let match = DATE.exec(text); match !== null; match = DATE.exec(text)) {
      const value = match[0];
      const start = match.index;
      const end = start + value.length;
      const hasYear = /(?:19|20)\d\d|[-/.]\d\d$/.test(value);
      // A cue belongs to the first date after it: the window starts after the previous date.
      const before = text.slice(Math.max(previousEnd, start - 64), start);
      previousEnd = end;
      const cue = (hasYear ? CUE_BEFORE : STRONG_CUE_BEFORE).exec(before);
      const cuedBefore = cue !== null && !OTHER_EVENT.test(cue[0]);
      const cuedAfter = hasYear && CUE_AFTER.test(text.slice(end, end + 40));
      if (cuedBefore || cuedAfter) out.push({ category: "DATE_OF_BIRTH", start, end, priority: PRIORITY.dateOfBirth });
    }
  },
};
