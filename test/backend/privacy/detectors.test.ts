// Each detector on values in the formats people write them, and on look-alikes it must leave alone.
import { describe, expect, it } from "@jest/globals";
import { generateCorpus } from "../../../backend/bench/privacy/corpus.js";
import { Random } from "../../../backend/bench/privacy/values.js";
import { CATEGORIES, type Category } from "../../../backend/src/privacy/categories.js";
import { detect } from "../../../backend/src/privacy/detect.js";
import { foldLookAlikes } from "../../../backend/src/privacy/detectors/ascii-fold.js";
import { base58CheckDecode, base58CheckEncode } from "../../../backend/src/privacy/detectors/base58check.js";
import { segwitAddressEncode, segwitAddressValid } from "../../../backend/src/privacy/detectors/bech32.js";
import type { Detection } from "../../../backend/src/privacy/detectors/detection.js";
import { ibanValid } from "../../../backend/src/privacy/detectors/iban.js";
import { DETECTORS } from "../../../backend/src/privacy/detectors/index.js";
import { luhnValid } from "../../../backend/src/privacy/detectors/payment-card.js";
import { looksRandom } from "../../../backend/src/privacy/detectors/secret.js";
import { scanText } from "../../../backend/src/privacy/detectors/text-scan.js";
import { ssnValid } from "../../../backend/src/privacy/detectors/us-ssn.js";
import { WordGate } from "../../../backend/src/privacy/detectors/word-gate.js";
import { namesIn } from "./helpers/names.js";

/** The values found in `text`, by category (all categories run, so overlaps resolve as in production). */
function found(text: string, category: Category): string[] {
  return detect(text, CATEGORIES)
    .filter((detection) => detection.category === category)
    .map((detection) => text.slice(detection.start, detection.end));
}

function expectFound(category: Category, text: string, value: string): void {
  expect(found(text, category)).toContain(value);
}

function expectNone(category: Category, text: string): void {
  expect(found(text, category)).toEqual([]);
}

describe("EMAIL", () => {
  it.each([
    ["Write to jane.doe@example.org today", "jane.doe@example.org"],
    ["cc <Priya.Raman@Acme-Corp.COM>!", "Priya.Raman@Acme-Corp.COM"],
    ["mailto:ops+alerts@mail.example.co.uk.", "ops+alerts@mail.example.co.uk"],
    ["josé.garcía@correo.es is mine", "josé.garcía@correo.es"],
    // In a link's query or path: the address, not the link before it.
    ["see https://x.com/?email=jane@example.com&id=1", "jane@example.com"],
    ["jane [at] example [dot] org", "jane [at] example [dot] org"],
    ["jane[dot]doe[at]proton[dot]me", "jane[dot]doe[at]proton[dot]me"],
    ["write to support [dot] team (at) example (dot) org today", "support [dot] team (at) example (dot) org"],
    ["reach me: jane dot doe at gmail dot com", "jane dot doe at gmail dot com"],
    ["write to SALES AT ACME DOT CO DOT UK today", "SALES AT ACME DOT CO DOT UK"],
  ])("finds %j", (text, value) => expectFound("EMAIL", text, value));

  it.each([
    "Look at google dot com for the answer.",
    "I work at acme dot com these days.",
    "We met at the bar dot com party.",
    "jane at gmail dot something",
  ])("does not take prose with 'at' and 'dot' for an address: %j", (text) => expectNone("EMAIL", text));

  it.each([
    "the logo@2x.png file is blurry",
    "git clone git@github.com:org/repo.git",
    "install lodash@4.17.21 and @nestjs/core",
    "connect to postgres://app:S3cret!@db.internal:5432/prod",
  ])("leaves %j alone", (text) => expectNone("EMAIL", text));
});

describe("PHONE", () => {
  it.each([
    "+44 20 7946 0958",
    "(415) 555-0132",
    "415.555.0132",
    "+49 30 901820",
    "+49 (0)30 901820",
    "0044 20 7946 0958",
    "07700 900123",
    "01 42 68 53 00",
    "+81 3-1234-5678",
    "+1-800-555-0199",
    "+91 98765 43210",
    "1-800-589-8207",
    "0151 48329298",
  ])("finds %s", (value) => expectFound("PHONE", `Call me at ${value} tomorrow.`, value));

  it("finds bare digits after a cue", () => expectFound("PHONE", "my number is 4155550132", "4155550132"));

  it.each([
    ["Mi teléfono es 612 345 678", "612 345 678"],
    ["call 612 345 678 today", "612 345 678"],
  ])("finds a number grouped like thousands right after a word for a telephone in %j", (text, value) =>
    expectFound("PHONE", text, value),
  );

  it.each([
    ["Tevita (407-253-9853) will collect the keys.", "407-253-9853"],
    ["Hope Mason (01.08.79.13.45) will collect the keys.", "01.08.79.13.45"],
  ])("finds the number in parentheses in %j without them", (text, value) => expectFound("PHONE", text, value));

  it.each([
    "Order 1234 5678 9012 shipped.",
    "The ISBN is 978-3-16-148410-0.",
    "We met on 12.03.2021 at 10:30.",
    "Population: 8 336 817.",
    "number of users: 612 345 678",
    "We sold 612 345 678 phones last year.",
    "Chrome 115.0.1911.87 fixes it.",
    "It ran from 1990-2010.",
    "The server 192.168.1.24 is down.",
  ])("leaves %j alone", (text) => expectNone("PHONE", text));
});

describe("PAYMENT_CARD", () => {
  it("checks Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });

  it.each([
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "5500005555555559",
    "3782 822463 10005",
    "6011 0009 9013 9424",
  ])("finds %s", (value) => expectFound("PAYMENT_CARD", `Card ${value} was declined.`, value));

  it("stops at a neighbouring number", () =>
    expectFound("PAYMENT_CARD", "card 4111 1111 1111 1111 12/27", "4111 1111 1111 1111"));

  it.each([
    ["CVV 123", "123"],
    ["card ending 4242, exp 09/27, cvc: 9876", "9876"],
    ["the security code is 482.", "482"],
    ["CVV2=071 please", "071"],
  ])("finds the security code in %j", (text, value) => expectFound("PAYMENT_CARD", text, value));

  it.each([
    "This test card 4111 1111 1111 1112 is invalid.",
    "Barcode 4006381333932 scans as unknown.",
    "Tracking 1234 5678 9012 3456 7890.",
    "IBAN PT50 0002 0123 1234 5678 9015 4 is fine.",
    "What is a CVV and where is it?",
    "The CVV 12 digits rule is wrong.",
    "security code 12345 is too long",
  ])("leaves %j alone", (text) => expectNone("PAYMENT_CARD", text));
});

describe("IBAN", () => {
  it("checks mod 97 and the country's length", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false);
  });

  it.each([
    "DE89 3704 0044 0532 0130 00",
    "GB82WEST12345698765432",
    "fr14 2004 1010 0505 0001 3m02 606",
    "NL91 ABNA 0417 1643 00",
  ])("finds %s", (value) => expectFound("IBAN", `Pay to ${value} please.`, value));

  it.each(["Pay to DE89 3704 0044 0532 0130 01.", "Ref GB82 WEST 1234 5698 7654 33 is wrong."])(
    "leaves %j alone",
    (text) => expectNone("IBAN", text),
  );
});

describe("US_SSN", () => {
  it("knows the numbers the SSA never issues", () => {
    expect(ssnValid("123", "45", "6789")).toBe(true);
    expect(ssnValid("000", "45", "6789")).toBe(false);
    expect(ssnValid("666", "45", "6789")).toBe(false);
    expect(ssnValid("901", "45", "6789")).toBe(false);
    expect(ssnValid("123", "00", "6789")).toBe(false);
    expect(ssnValid("123", "45", "0000")).toBe(false);
  });

  it.each([
    ["My SSN is 123-45-6789.", "123-45-6789"],
    ["ssn 123 45 6789", "123 45 6789"],
    ["SSN: 123456789", "123456789"],
    ["is 123456789 a valid ssn?", "123456789"],
  ])("finds it in %j", (text, value) => expectFound("US_SSN", text, value));

  it.each(["Is 000-12-3456 real?", "Is 666-12-3456 real?", "Is 987-65-4321 real?", "Order 123456789 shipped."])(
    "leaves %j alone",
    (text) => expectNone("US_SSN", text),
  );
});

describe("IP_ADDRESS", () => {
  it.each([
    ["ssh to 192.168.1.24:8080 now", "192.168.1.24"],
    ["subnet 10.0.0.0/24", "10.0.0.0"],
    ["ping 2001:db8::1 fails", "2001:db8::1"],
    ["curl http://[2001:db8:85a3::8a2e:370:7334]:443/", "2001:db8:85a3::8a2e:370:7334"],
    ["link fe80::1ff:fe23:4567:890a%eth0 up", "fe80::1ff:fe23:4567:890a%eth0"],
    ["mapped ::ffff:192.0.2.128 here", "::ffff:192.0.2.128"],
  ])("finds it in %j", (text, value) => expectFound("IP_ADDRESS", text, value));

  it.each([
    "We upgraded to version 1.2.3.4 yesterday.",
    "OID 1.3.6.1.4.1 is registered.",
    "Meet at 12:30:45.",
    "Use std::vector<int> and Foo::Bar.",
    "MAC 00:1A:2B:3C:4D:5E",
    "Pi is 3.14159.",
  ])("leaves %j alone", (text) => expectNone("IP_ADDRESS", text));
});

describe("STREET_ADDRESS", () => {
  it.each([
    "1600 Amphitheatre Parkway, Mountain View, CA 94043",
    "221B Baker Street, London NW1 6XE",
    "350 5th Ave, Apt 4B, New York, NY 10118",
    "Flat 3, 14 Elm Grove, Manchester M14 5RS",
    "Unit 5/22 George St, Sydney NSW 2000",
    "12 rue de Rivoli, 75001 Paris",
    "Hauptstraße 5, 10115 Berlin",
    "Calle Mayor 12, 28013 Madrid",
    // A Spanish floor and door between the number and the postcode.
    "Plaza Mayor 3, 2º izq., 28012 Madrid",
    "Calle Alcalá 45, 1ª dcha., 28014 Madrid",
    "Calle Mayor 10, 3º B, 28013 Madrid",
    "Plaza Mayor 3, 2º, 28012 Madrid",
    "Via Roma 15",
    "Kalverstraat 92, 1012 PH Amsterdam",
    "Karl Johans gate 25",
    "P.O. Box 1234",
    "P.O. Box 1234, Anchorage AK 99501",
    "Postfach 10 20 30, 10115 Berlin",
    // An Irish postal district and Eircode.
    "14 Kildare St, Dublin 2, D02 XY45",
    // Japanese, in rōmaji: block numbers, district, ward, city, postcode.
    "4-2-1 Shibuya, Shibuya-ku, Tokyo 150-0002",
    "2-chome 3-5 Ginza, Chuo-ku, Tokyo 104-0061",
  ])("finds %s", (value) => expectFound("STREET_ADDRESS", `Send it to ${value}.`, value));

  it("finds a lower-case street after a cue", () =>
    expectFound("STREET_ADDRESS", "i live at 12 baker street now", "12 baker street"));

  it.each([
    "The score was 4-2-1 at half time, 3-1-2 after it.",
    "The 5 Best Way to learn piano.",
    "Walk 3 blocks down the road and turn left.",
    "Top 10 Drive-in theaters.",
    "We need 2 more days.",
  ])("leaves %j alone", (text) => expectNone("STREET_ADDRESS", text));
});

describe("DATE_OF_BIRTH", () => {
  it.each([
    ["I was born on 12 March 1990.", "12 March 1990"],
    ["DOB: 03/12/1985", "03/12/1985"],
    ["He gave his D.O.B. as 1958-09-06.", "1958-09-06"],
    ["Date of birth 4th of July, 1976", "4th of July, 1976"],
    ["12.03.1990 is my birthday", "12.03.1990"],
    ["My birthday is March 3rd, plan a party", "March 3rd"],
    // A two-digit year after the month.
    ["date of birth 14 Mar 88", "14 Mar 88"],
    ["I was born March 14, '88 in Ohio.", "March 14, '88"],
    // Other languages' cues and month names.
    ["né le 3 février 1975 à Lyon", "3 février 1975"],
    ["Geburtsdatum: 3. März 1975", "3. März 1975"],
    ["Geburtsdatum: 03.02.1975", "03.02.1975"],
    ["fecha de nacimiento: 3 de febrero de 1975", "3 de febrero de 1975"],
    ["sono nata il 12 maggio 1988", "12 maggio 1988"],
    ["data de nascimento 7 de outubro de 1969", "7 de outubro de 1969"],
    ["geboortedatum 5 mei 1992", "5 mei 1992"],
  ])("finds it in %j", (text, value) => expectFound("DATE_OF_BIRTH", text, value));

  it.each([
    "The meeting is on March 12, 2024.",
    "Invoice dated 2023-11-02, due in 30 days.",
    "Born This Way was released on 2011-05-23.",
    "Date of birth: 1973/12/19. Invoice dated 08/05/2022.",
    "The NATO summit opens on 12 July 2024.",
    "La réunion est le 3 février 2025.",
  ])("leaves the other dates of %j alone", (text) => {
    const dates = found(text, "DATE_OF_BIRTH");
    expect(dates.every((date) => date === "1973/12/19")).toBe(true);
  });
});

describe("PERSON_NAME", () => {
  it.each([
    ["My name is Oluwaseun Adebayo.", "Oluwaseun Adebayo"],
    ["c/o Jane Roe, 500 Oracle Pkwy", "Jane Roe"],
    // In single quotes, as code and SQL write strings.
    ["INSERT INTO users (name) VALUES ('Laura Chen');", "Laura Chen"],
    ["name = 'Laura Chen'", "Laura Chen"],
    // After curly quotes, guillemets, dashes, Spanish question marks and Markdown emphasis.
    ["Thanks to “Laura Chen” for the help.", "Laura Chen"],
    ["Thanks to ‘Laura Chen’ for the help.", "Laura Chen"],
    ["«Laura Chen» a écrit.", "Laura Chen"],
    ["¿Laura Chen vendrá?", "Laura Chen"],
    ["Thanks,—Laura Chen", "Laura Chen"],
    ["Thanks to _Laura Chen_ for the help.", "Laura Chen"],
    ["Attendees:\n-Laura Chen", "Laura Chen"],
    // A slash between names; a family name in capitals after a given name.
    ["Owners: Laura Chen/Priya Raman", "Priya Raman"],
    ["Jean Dupont et Marie CURIE", "Marie CURIE"],
    ["Hi, I'm Priya and I need help.", "Priya"],
    ["Dear Dr. Okafor, thank you.", "Okafor"],
    ["Best regards,\nAna Souza", "Ana Souza"],
    ["Please ask Kenji Watanabe about it.", "Kenji Watanabe"],
    ["Maria de la Cruz will join on Monday.", "Maria de la Cruz"],
    ["my name is zanele okafor, nice to meet you", "zanele okafor"],
    ["Patient Rhys Thornton, date of birth 12/12/2012", "Rhys Thornton"],
    ["I told Will about the release.", "Will"],
    // Two capitalised words mid-sentence, neither an everyday word nor a place or product.
    ["Can you send the report to Radek Szczepański tomorrow?", "Radek Szczepański"],
    // A family name from the lexicon, also opening a sentence or after a sentence word.
    ["Gabriele Conti will review it.", "Gabriele Conti"],
    ["Is Vusi Mahlangu coming to the offsite?", "Vusi Mahlangu"],
    // A family name with an Arabic article or kinship word.
    ["Ask Fatima al-Rashid about the visa.", "Fatima al-Rashid"],
    ["Meet Yusuf ibn-Hamid at the gate.", "Yusuf ibn-Hamid"],
    // A given name of the large lexicon after an auxiliary opening a question; a greeting is not part of the name.
    ["Has Ignatius replied yet?", "Ignatius"],
    ["Thx Yusra!", "Yusra"],
    ["Happy birthday Oyelaran!", "Oyelaran"],
    ["Shoutout to Bartholomew for the fix!", "Bartholomew"],
    // In capitals, as forms and signatures write names, after a cue.
    ["Name: JOHN SMITH", "JOHN SMITH"],
    ["My name is MARIA GONZALEZ.", "MARIA GONZALEZ"],
    // Introducing oneself, or addressed with a request at the start of a message.
    ["Hi team, Aurelio here.", "Aurelio"],
    ["Liesbeth: can you check the invoice?", "Liesbeth"],
    ["Siebren, please send me the file.", "Siebren"],
    // A given name that is also a word, before a verb of speech.
    ["Grace said she would come.", "Grace"],
    ["Yesterday Joy asked about the deadline.", "Joy"],
    ["Will said no.", "Will"],
    // Mentions by handle, and LinkedIn profiles.
    ["@rafaela can you review?", "rafaela"],
    ["see https://www.linkedin.com/in/john-smith-4a2b1c/ for more", "john-smith-4a2b1c"],
    ["ping @john.smith about it", "john.smith"],
    ["(@Priya) thanks!", "Priya"],
    // Family name first, filling a form's field or a header.
    ['From: "Okafor, Chidi" <chidi.okafor@example.org>', "Okafor, Chidi"],
    ["Patient: Lindqvist, Maja (DOB 02/03/1961)", "Lindqvist, Maja"],
    ["Name: Hoang, Thao", "Hoang, Thao"],
  ])("finds it in %j", (text, value) => expectFound("PERSON_NAME", text, value));

  it.each([
    ["Guests: Priya, Maria and Sofia.", ["Priya", "Maria", "Sofia"]],
    // A given name that alone needs more evidence is a person when listed next to one.
    ["Team: Priya, Maria and Ana.", ["Priya", "Maria", "Ana"]],
    ["Priya and Grace are coming.", ["Priya", "Grace"]],
    ["Dinner with Priya & Hope tonight.", ["Priya", "Hope"]],
    ["Ana and Priya Shah joined.", ["Ana", "Priya Shah"]],
    // Not a place, a date or the start of a question.
    ["I visited Priya and Paris last week.", ["Priya"]],
    ["Priya and June 3 work for me.", ["Priya"]],
    ["Thanks Priya, Will you check?", ["Priya"]],
    ["Guests: Priya, Maria", ["Priya", "Maria"]],
    ["Cc: Priya Raman, Joaquín Ortega", ["Priya Raman", "Joaquín Ortega"]],
    ["Venue: Lisbon, Portugal", []],
  ])("keeps a list's names apart in %j", (text, names) => {
    expect(namesIn(text)).toEqual(names);
  });

  it.each([
    ["Thanks Priya CEO", "Priya"],
    ["I'm seeing Dr. Okonjo tomorrow.", "Okonjo"],
    ["Dear Mr. Nakamura, thank you for your letter.", "Nakamura"],
    ["Ask Dr. Oyelaran-Brooks about it.", "Oyelaran-Brooks"],
  ])("takes the name, not a title or role next to it, in %j", (text, value) => {
    expect(namesIn(text)).toEqual([value]);
  });

  it.each([
    "Team: can you check the invoice?",
    "Guys, can you help?",
    "Update: can you confirm?",
    "Click here.",
    "Grace is a virtue.",
    "May I ask a question?",
    "Georgia said it will respond to the sanctions.",
    "@here the build is red",
    "@Injectable() export class Store {}",
    " * @param name the user's name",
    'import { Module } from "@nestjs/common";',
    "linkedin.com/company/acme is the page",
    "Dear Hiring Manager, I am applying for the role.",
    "Use snake_Case, call my_Function and set e-Mail.",
    "Open src/Components/UserCard.tsx and https://example.com/Products/Shoes",
    "Hello Admissions Committee,",
  ])("takes no everyday word, place or modal verb for a name: %j", (text) => expectNone("PERSON_NAME", text));

  it.each([
    "Will it rain in New York on Saturday?",
    "May I ask about the refund policy?",
    "Grace period for the loan is 30 days.",
    "We moved from Visual Studio Code to Google Cloud.",
    "I flew from Buenos Aires to Cape Town.",
    "St. Patrick's Day falls on a Sunday.",
    "Explain Dijkstra's algorithm.",
    "Joy Division or New Order, which came first?",
    "We watched Deep Work and Black Mirror last night.",
    "The flight from Lagos to Marrakech was late.",
    "Try the Adobe Lightroom presets.",
    "Should I visit Ho Chi Minh City or Phnom Penh?",
  ])("leaves %j alone", (text) => expectNone("PERSON_NAME", text));
});

describe("PERSON_NAME in Chinese, Japanese and Korean script", () => {
  it.each([
    // After a cue in the text's language or in a Latin-script text.
    ["我叫王小明，今年十岁。", "王小明"],
    ["我的名字是欧阳娜娜。", "欧阳娜娜"],
    ["姓名：李华", "李华"],
    ["氏名：山田太郎", "山田太郎"],
    ["私の名前は佐藤健太です。", "佐藤健太"],
    ["제 이름은 김민준입니다.", "김민준"],
    ["My colleague 王小明 sent the file.", "王小明"],
    ["Dear 김민준, thanks.", "김민준"],
    // Before an honorific or form of address.
    ["昨天我和王小明先生见面了。", "王小明"],
    ["请联系张伟老师。", "张伟"],
    ["田中さんに会いました。", "田中"],
    ["김민준 씨에게 연락하세요.", "김민준"],
  ])("finds it in %j", (text, value) => expectFound("PERSON_NAME", text, value));

  it.each(["我是学生。", "今天天气很好。", "こんにちは、元気ですか？", "선생님께 물어보세요.", "고객님, 감사합니다."])(
    "takes no words for a name in %j",
    (text) => expectNone("PERSON_NAME", text),
  );
});

describe("CRYPTO_ADDRESS", () => {
  it("encodes and checks Base58Check and bech32 as Bitcoin does", () => {
    expect(base58CheckDecode("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")?.length).toBe(21);
    expect(base58CheckDecode("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")).toBeUndefined();
    expect(segwitAddressValid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc")).toBe(true);
    expect(segwitAddressValid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc")).toBe(false);
    // BIP-350 test vector (taproot, bech32m).
    expect(segwitAddressValid("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bc")).toBe(true);
    const program = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(segwitAddressValid(segwitAddressEncode("bc", 1, program), "bc")).toBe(true);
    const litecoin = segwitAddressEncode(
      "ltc",
      0,
      Uint8Array.from({ length: 20 }, (_, i) => i * 11),
    );
    expect(litecoin.startsWith("ltc1q")).toBe(true);
    expectFound("CRYPTO_ADDRESS", `my litecoin address ${litecoin} thanks`, litecoin);
    const payload = Uint8Array.from([0x05, ...Array.from({ length: 20 }, (_, i) => i * 7)]);
    expect(base58CheckDecode(base58CheckEncode(payload))).toEqual(payload);
  });

  it.each([
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0xde709f2102306220921060314715629080e2fb77",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    // Litecoin, Dogecoin and XRP.
    "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1",
    "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L",
    "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh",
    // ENS names stand for an Ethereum address.
    "vitalik.eth",
    "pay.jane-doe.eth",
  ])("finds %s", (value) => expectFound("CRYPTO_ADDRESS", `Send it to ${value} please.`, value));

  it.each([
    "Send it to 0x52908400098527886e0F7030069857D2E4169EE7 (bad EIP-55 checksum).",
    "Send it to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3.",
    "Send it to rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLj (bad checksum).",
    "Commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 broke it.",
    "ENS names end in .eth, like ab.eth (too short) or my.ethos.org.",
  ])("leaves %j alone", (text) => expectNone("CRYPTO_ADDRESS", text));
});

describe("PRIVATE_KEY", () => {
  it.each([
    "my private key 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
    "PRIVATE_KEY=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
  ])("finds the hex key in %j", (text) =>
    expect(found(text, "PRIVATE_KEY")[0]).toMatch(/4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318$/),
  );

  it("finds WIF keys", () =>
    expectFound(
      "PRIVATE_KEY",
      "wif 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ here",
      "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
    ));

  it("finds a whole PEM block, and one without its END line", () => {
    const block =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234abcd\nQWERTYuiop5678==\n-----END RSA PRIVATE KEY-----";
    expectFound("PRIVATE_KEY", `key:\n${block}\nwhat is this?`, block);
    const open = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nBG5vbmUAAAAEbm9uZQ";
    expectFound("PRIVATE_KEY", `${open}\n\nthat's all`, open);
  });

  it.each([
    "The file's sha256 is e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.",
    "tx hash 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060 confirmed",
  ])("leaves the hash in %j alone", (text) => expectNone("PRIVATE_KEY", text));
});

describe("SEED_PHRASE", () => {
  const phrase = "abandon ability able about above absent absorb abstract absurd abuse access accident";

  it.each([
    phrase,
    phrase.split(" ").join(", "),
    phrase.split(" ").join("\n"),
    phrase
      .split(" ")
      .map((word, i) => `${i + 1}. ${word}`)
      .join(" "),
    phrase.split(" ").join(" - "),
    phrase.split(" ").join("\u00a0"),
    phrase
      .split(" ")
      .map((word, i) => `${i + 1}: ${word}`)
      .join(" "),
    phrase
      .split(" ")
      .map((word, i) => `${i + 1}${word}`)
      .join(" "),
    // A JSON array, and words joined by underscores.
    JSON.stringify(phrase.split(" ")),
    phrase.split(" ").join("_"),
  ])("finds %j", (value) => expect(found(`my seed: ${value}. help`, "SEED_PHRASE")).toHaveLength(1));

  it.each([
    "abandon ability able about above absent absorb abstract absurd abuse access",
    "The quick brown fox jumps over the lazy dog while the sun sets slowly behind the hills.",
  ])("leaves %j alone", (text) => expectNone("SEED_PHRASE", text));
});

describe("SECRET", () => {
  it.each([
    "sk-proj-aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9dE1",
    "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
    "AKIAIOSFODNN7EXAMPLE",
    "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ])("finds %s", (value) => expectFound("SECRET", `use ${value} in CI`, value));

  it.each([
    ["password: hunter2!", "hunter2!"],
    ["My password is Tr0ub4dor&3, is it strong?", "Tr0ub4dor&3"],
    ['"api_key": "9fK2mQ8vL1xR7tB4nW6pZ3cY"', "9fK2mQ8vL1xR7tB4nW6pZ3cY"],
    ["Authorization: Bearer abcDEF123456ghiJKL789", "abcDEF123456ghiJKL789"],
    ["postgres://app:S3cret!@db.internal:5432/prod", "S3cret!"],
    ["login with password qwerty5885 fails", "qwerty5885"],
    ["use 9fK2mQ8vL1xR7tB4nW6pZ3cY in the header", "9fK2mQ8vL1xR7tB4nW6pZ3cY"],
    // Codes that open a door or prove who one is.
    ["the door code is 7731#", "7731#"],
    ["OTP: 482913", "482913"],
    ["your verification code is 552341", "552341"],
  ])("finds the value in %j", (text, value) => expectFound("SECRET", text, value));

  it("tells random tokens from identifiers, hashes and UUIDs", () => {
    expect(looksRandom("9fK2mQ8vL1xR7tB4nW6pZ3cY")).toBe(true);
    expect(looksRandom("Base64EncoderV2Factory")).toBe(false);
    expect(looksRandom("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")).toBe(false);
    expect(looksRandom("550e8400-e29b-41d4-a716-446655440000")).toBe(false);
  });

  it.each([
    "The password is incorrect, how do I reset it?",
    "API key is required for this endpoint.",
    "Use the sk-learn-tutorial-notes repo.",
    "Request id 550e8400-e29b-41d4-a716-446655440000 failed.",
    "Edit src/components/UserProfileCard.tsx and rename getUserProfileByIdAsync.",
    "Open the password manager settings.",
    "the code is broken since the last deploy",
    "the source code is on GitHub",
  ])("leaves %j alone", (text) => expectNone("SECRET", text));
});

describe("look-alike characters", () => {
  it.each([
    ["PHONE", "Call 415–555–0132 today", "415–555–0132"],
    ["PHONE", "Call 415‑555‑0132 today", "415‑555‑0132"],
    ["PHONE", "電話 ０９０－１２３４－５６７８", "０９０－１２３４－５６７８"],
    ["PHONE", "電話：０９０　１２３４　５６７８", "０９０　１２３４　５６７８"],
    ["EMAIL", "mail jane＠example.com", "jane＠example.com"],
    ["PAYMENT_CARD", "card 4111–1111–1111–1111", "4111–1111–1111–1111"],
    ["US_SSN", "SSN 078–05–1120", "078–05–1120"],
    ["IP_ADDRESS", "IP 192․168․0․1", "192․168․0․1"],
    // Invisible characters inside a value, and Windows line ends.
    ["EMAIL", "email: jane\u200b@example.com", "jane\u200b@example.com"],
    ["PHONE", "phone 415\u200b555\u200b0132", "415\u200b555\u200b0132"],
    ["PAYMENT_CARD", "card 4111\u00ad1111\u00ad1111\u00ad1111", "4111\u00ad1111\u00ad1111\u00ad1111"],
    ["PERSON_NAME", "name: Laura\u200b Chen", "Laura\u200b Chen"],
    ["PERSON_NAME", "Best regards,\r\nAna Souza\r\n", "Ana Souza"],
    // Escapes of '@' and '+' in links and HTML.
    ["EMAIL", "link https://x.com/?email=jane%40example.com&id=1", "jane%40example.com"],
    ["EMAIL", "mail jane&#64;example.com", "jane&#64;example.com"],
    ["PHONE", "name=Laura&phone=%2B442079460958", "%2B442079460958"],
  ] as const)("reads %s in %j as it is meant, offsets in the original", (category, text, value) =>
    expectFound(category, text, value),
  );

  it("keeps a dash between words a dash", () => {
    expect(foldLookAlikes("Laura Chen—our lead—agreed; pages 12–14")).toBe("Laura Chen—our lead—agreed; pages 12-14");
  });
});

describe("values in comma-separated rows", () => {
  const row = "Adaeze Okonkwo,+44 20 7946 0958,4111 1111 1111 1111,078-05-1120,adaeze@example.com";

  it.each([
    ["PHONE", "+44 20 7946 0958"],
    ["PAYMENT_CARD", "4111 1111 1111 1111"],
    ["US_SSN", "078-05-1120"],
    ["EMAIL", "adaeze@example.com"],
  ] as const)("finds the %s field", (category, value) => expectFound(category, row, value));

  it("takes no number with thousands commas for one", () => {
    const text = "Revenue was 1,234,567,890 last year; we sold 4,111,111,111,111,111 units, 078,051,120 of them here.";
    expect(detect(text, ["PHONE", "PAYMENT_CARD", "US_SSN"])).toEqual([]);
  });
});

describe("WordGate", () => {
  it("never says no to a word the text holds, in any case", () => {
    for (const { text } of generateCorpus(7, 200, 50)) {
      const { trigrams } = scanText(text);
      for (let start = 0; start + 5 <= text.length; start += 7) {
        const word = text.slice(start, start + 3 + (start % 5));
        expect(new WordGate([word.toUpperCase()]).mayContain(trigrams)).toBe(true);
        expect(new WordGate([word.toLowerCase()]).mayContain(trigrams)).toBe(true);
      }
    }
  });

  it("says no to words a text cannot hold", () => {
    const { trigrams } = scanText("What is the capital of Australia?");
    expect(new WordGate(["password", "born"]).mayContain(trigrams)).toBe(false);
    expect(new WordGate(["capital"]).mayContain(trigrams)).toBe(true);
  });

  it("cannot tell when a character lowers to an ASCII letter", () => {
    expect(scanText("\u212Aey: x").trigrams).toBeUndefined();
  });
});

describe("every detector's gate", () => {
  // A gate that says "nothing here" on a text where the detector would find something leaks that value. Corpus
  // messages with their spaces replaced by other separators (as people write seed phrases, numbers, lists) probe the
  // gates' shortcuts: each gate must let through every text its detector finds something in.
  const separators = [" - ", "\u00a0", ", ", ": ", "\n", " 7", "-", "  ", "\t", " | ", "/"];
  const r = new Random(77);
  const texts = generateCorpus(2024, 400, 100).map((message) =>
    message.text.replace(/ /g, () => (r.chance(0.3) ? r.pick(separators) : " ")),
  );

  it.each(CATEGORIES)("of %s never skips a text its detector finds something in", (category) => {
    const detector = DETECTORS[category];
    const skipped: string[] = [];
    for (const text of texts) {
      const out: Detection[] = [];
      const scan = scanText(text);
      if (detector.mayMatch(scan)) continue;
      detector.detect(scan, out);
      if (out.length > 0) skipped.push(text);
    }
    expect(skipped).toEqual([]);
  });
});
