// A labelled corpus for the privacy guards, generated from a fixed seed: chat messages of the kind members send to
// an assistant, with personal data of every category in varied real-world formats (values.ts), and messages
// without any, full of look-alikes (order numbers, versions, hashes, dates that are not birthdays, capitalised words,
// prices, timestamps, invalid checksums). Each message lists its gold spans.
//
//   tsx backend/bench/privacy/corpus.ts [seed] > corpus.jsonl      (prints it; evaluate.ts generates it in memory)
import type { Category } from "../../src/privacy/categories.js";
import {
  apiKey,
  bitcoinAddress,
  calendarDate,
  email,
  ethereumAddress,
  formatDate,
  HEX,
  iban,
  ipv4,
  ipv6,
  jwt,
  type PersonName,
  password,
  paymentCard,
  pemBlock,
  personName,
  phone,
  privateKey,
  Random,
  randomToken,
  seedPhrase,
  ssn,
  streetAddress,
} from "./values.js";

/** A labelled value: `text.slice(start, end)` is personal data of `category`. */
export interface GoldSpan {
  readonly category: Category;
  readonly start: number;
  readonly end: number;
}

export interface LabelledMessage {
  readonly text: string;
  readonly spans: readonly GoldSpan[];
}

export const DEFAULT_SEED = 20_240_605;

/** Slots of a template that hold personal data, and their category. */
const PII_SLOTS: Readonly<Record<string, Category>> = {
  EMAIL: "EMAIL",
  PHONE: "PHONE",
  CARD: "PAYMENT_CARD",
  IBAN: "IBAN",
  SSN: "US_SSN",
  IP4: "IP_ADDRESS",
  IP6: "IP_ADDRESS",
  ADDRESS: "STREET_ADDRESS",
  DOB: "DATE_OF_BIRTH",
  DOBNY: "DATE_OF_BIRTH",
  NAME: "PERSON_NAME",
  FIRST: "PERSON_NAME",
  SURNAME: "PERSON_NAME",
  LNAME: "PERSON_NAME",
  NAME2: "PERSON_NAME",
  FIRST2: "PERSON_NAME",
  ETH: "CRYPTO_ADDRESS",
  BTC: "CRYPTO_ADDRESS",
  PKEY: "PRIVATE_KEY",
  HEXKEY: "PRIVATE_KEY",
  PEM: "PRIVATE_KEY",
  SEED: "SEED_PHRASE",
  APIKEY: "SECRET",
  PASSWORD: "SECRET",
  TOKEN: "SECRET",
  JWT: "SECRET",
};

interface Context {
  readonly r: Random;
  readonly person: PersonName;
  readonly other: PersonName;
}

const COMPANIES = [
  "Acme Corp",
  "Globex",
  "Initech",
  "Northwind Traders",
  "Contoso",
  "Umbrella Health",
  "Blue Harbor Bank",
  "Stark Logistics",
];
const CITIES = [
  "New York",
  "San Francisco",
  "Los Angeles",
  "London",
  "Berlin",
  "Paris",
  "Tokyo",
  "Lagos",
  "Nairobi",
  "Mumbai",
  "São Paulo",
  "Mexico City",
  "Buenos Aires",
  "Cape Town",
  "Hong Kong",
  "Kuala Lumpur",
  "Rio de Janeiro",
  "Las Vegas",
  "Salt Lake City",
  "New Delhi",
];
const PRODUCTS = [
  "Visual Studio Code",
  "Google Cloud",
  "Microsoft Teams",
  "Apple Watch",
  "Adobe Photoshop",
  "Amazon Prime",
  "GitHub Actions",
  "Slack Connect",
  "Final Cut Pro",
  "Google Sheets",
  "Azure DevOps",
  "Jira Service Management",
  "Power BI",
  "Salesforce Marketing Cloud",
];
const TITLES = [
  "The Great Gatsby",
  "Pride and Prejudice",
  "Harry Potter",
  "Star Wars",
  "The Lord of the Rings",
  "Game of Thrones",
  "Breaking Bad",
  "Black Mirror",
  "Stranger Things",
  "Machine Learning Yearning",
  "Clean Code",
  "Deep Work",
];

/** Values for filler slots: never personal data, often look-alikes. */
function filler(slot: string, c: Context): string {
  const { r } = c;
  switch (slot) {
    case "ORDER":
      return r.pick([
        `#${r.int(10000, 999999)}`,
        `${r.int(100, 999)}-${r.digits(7)}-${r.digits(7)}`,
        `INV-${r.int(2019, 2025)}-${r.digits(4)}`,
        `ORD${r.digits(9)}`,
        `A${r.digits(8)}`,
        `1Z${r.chars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 16)}`,
        `${r.digits(4)} ${r.digits(4)} ${r.digits(4)}`,
      ]);
    case "VERSION":
      return r.pick([
        `v${r.int(0, 5)}.${r.int(0, 30)}.${r.int(0, 20)}`,
        `${r.int(1, 20)}.${r.int(0, 9)}.${r.int(0, 9)}`,
        `${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 255)}`,
        `${r.int(100, 130)}.0.${r.int(1000, 6999)}.${r.int(10, 200)}`,
      ]);
    case "DATE":
      return formatDate(r, calendarDate(r, 2019, 2026));
    case "TIME":
      return r.pick([
        `${r.int(0, 23)}:${String(r.int(0, 59)).padStart(2, "0")}`,
        `${r.int(2020, 2025)}-0${r.int(1, 9)}-${r.int(10, 28)}T${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}Z`,
        `${r.int(1, 12)}:${r.int(10, 59)} ${r.pick(["am", "pm", "AM", "PM"])}`,
        `${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}`,
      ]);
    case "PRICE":
      return r.pick([
        `$${r.int(1, 9)},${r.digits(3)}.${r.digits(2)}`,
        `€${r.int(5, 999)}`,
        `£${r.int(1, 99)}.${r.digits(2)}`,
        `${r.int(1, 9)} ${r.digits(3)} €`,
        `USD ${r.int(10, 99999)}`,
        `${r.int(1, 999)}.${r.digits(2)} EUR`,
      ]);
    case "COMMIT":
      return r.chance(0.5) ? r.chars(HEX, 7) : r.chars(HEX, 40);
    case "SHA256":
      return r.chars(HEX, 64);
    case "TXHASH":
      return `0x${r.chars(HEX, 64)}`;
    case "UUID":
      return `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`;
    case "CITY":
      return r.pick(CITIES);
    case "COMPANY":
      return r.pick(COMPANIES);
    case "PRODUCT":
      return r.pick(PRODUCTS);
    case "TITLE":
      return r.pick(TITLES);
    case "N":
      return String(r.int(2, 48));
    case "BIGN":
      return r.pick([
        `${r.int(1, 9)},${r.digits(3)},${r.digits(3)}`,
        `${r.int(1, 9)} ${r.digits(3)} ${r.digits(3)}`,
        String(r.int(10000, 9999999)),
      ]);
    case "YEAR":
      return String(r.int(1950, 2025));
    case "BADCARD":
      return paymentCard(r, false);
    case "BADIBAN":
      return iban(r, false);
    case "BADSSN":
      return ssn(r, false).replace(/^(\d{3})(\d{2})(\d{4})$/, "$1-$2-$3");
    case "EAN":
      return `${r.pick(["400", "501", "871", "300"])}${r.digits(10)}`;
    case "ISBN":
      return `978-${r.int(0, 9)}-${r.digits(2)}-${r.digits(6)}-${r.int(0, 9)}`;
    case "HEXCOLOR":
      return `#${r.chars(HEX, 6)}`;
    case "COORD":
      return `${r.int(-80, 80)}.${r.digits(4)}, ${r.int(-170, 170)}.${r.digits(4)}`;
    case "PATH":
      return r.pick([
        "src/components/UserProfileCard.tsx",
        "backend/src/app.module.ts",
        "/var/log/nginx/access.log",
        "C:\\Users\\Public\\Documents\\report.docx",
        "~/projects/api/server.js",
        "docs/getting-started/installation.md",
      ]);
    case "IDENT":
      return r.pick([
        "getUserProfileByIdAsync",
        "Base64EncoderV2Factory",
        "HttpClientModule",
        "useEffectOnceWhenVisible",
        "AbstractSingletonProxyFactoryBean",
        "MAX_RETRY_COUNT_V2",
        "handleOAuth2CallbackRequest",
        "Int32ArrayBufferView",
      ]);
    case "PKG":
      return r.pick([
        "@nestjs/core@10.2.1",
        "react@18.2.0",
        "lodash@4.17.21",
        "typescript@5.4.5",
        "@types/node@20.11.30",
      ]);
    default:
      throw new Error(`unknown slot ${slot}`);
  }
}

function lowerName(name: string): string {
  return name.toLowerCase();
}

/** The value of a personal-data slot. */
function piiValue(slot: string, c: Context): string {
  const { r, person, other } = c;
  switch (slot) {
    case "EMAIL":
      return email(r, person);
    case "PHONE":
      return phone(r);
    case "CARD":
      return paymentCard(r);
    case "IBAN":
      return iban(r);
    case "SSN":
      return ssn(r);
    case "IP4":
      return ipv4(r);
    case "IP6":
      return ipv6(r);
    case "ADDRESS":
      return streetAddress(r);
    case "DOB":
      return formatDate(r, calendarDate(r, 1940, 2012));
    case "DOBNY":
      return formatDate(r, calendarDate(r, 1940, 2012), false);
    case "NAME":
      return person.full;
    case "FIRST":
      return person.given;
    case "SURNAME":
      return person.surname;
    case "LNAME":
      return lowerName(r.chance(0.5) ? person.given : person.full);
    case "NAME2":
      return other.full;
    case "FIRST2":
      return other.given;
    case "ETH":
      return ethereumAddress(r);
    case "BTC":
      return bitcoinAddress(r);
    case "PKEY":
      return privateKey(r);
    case "HEXKEY":
      return r.chance(0.5) ? `0x${r.chars(HEX, 64)}` : r.chars(HEX, 64);
    case "PEM":
      return pemBlock(r);
    case "SEED":
      return seedPhrase(r);
    case "APIKEY":
      return apiKey(r);
    case "PASSWORD":
      return password(r);
    case "TOKEN":
      return randomToken(r);
    case "JWT":
      return jwt(r);
    default:
      throw new Error(`unknown slot ${slot}`);
  }
}

/**
 * Fills a template: each `{SLOT}` hole becomes what `holeValue` gives for it, in order; holes with a category are
 * labelled.
 */
export function fillTemplate(
  template: string,
  holeValue: (slot: string) => { readonly value: string; readonly category?: Category },
): LabelledMessage {
  let text = "";
  const spans: GoldSpan[] = [];
  for (const part of template.split(/(\{[A-Z0-9]+\})/)) {
    const slot = /^\{([A-Z0-9]+)\}$/.exec(part)?.[1];
    if (slot === undefined) {
      text += part;
      continue;
    }
    const { value, category } = holeValue(slot);
    if (category !== undefined) spans.push({ category, start: text.length, end: text.length + value.length });
    text += value;
  }
  return { text, spans };
}

/** Fills a template of this corpus: personal-data holes are labelled. */
function fill(template: string, c: Context): LabelledMessage {
  return fillTemplate(template, (slot) => {
    const category = PII_SLOTS[slot];
    return category === undefined ? { value: filler(slot, c) } : { value: piiValue(slot, c), category };
  });
}

// Templates: what members type. A message is one of these, sometimes with a look-alike sentence added.

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  EMAIL: [
    "Can you write a polite follow-up email to {EMAIL} about invoice {ORDER}?",
    "My email is {EMAIL}, please use that for the account.",
    "Please cc {EMAIL} on the thread about the Q3 budget.",
    "Reply to <{EMAIL}> before Friday.",
    "is {EMAIL} a valid address? the form keeps rejecting it",
    "Forward the report to {EMAIL} and {EMAIL} by {TIME}.",
    "Contact: {EMAIL}",
    "I changed my login from {EMAIL} to {EMAIL} last week but the newsletter still goes to the old one.",
    "Write a mailto link for {EMAIL} with the subject 'Order {ORDER}'.",
    "Draft a cover letter; contact details at the top: {EMAIL}.",
    "why does outlook mark mails from {EMAIL} as spam?",
    "From: {EMAIL}\nSubject: refund for order {ORDER}\nCan you summarise this complaint?",
    "Add {EMAIL} to the mailing list (mailto:{EMAIL}).",
    "Reach me by mail ({EMAIL}) rather than phone.",
    "ok so the recruiter wrote from {EMAIL} — legit or phishing?",
    "Set {EMAIL} as the reply-to header in the Nodemailer config.",
    "Unsubscribe {EMAIL} from all lists, they asked twice.",
    "Could you check the DMARC failure for mail sent as {EMAIL}?",
  ],
  PHONE: [
    "Call me at {PHONE} after {TIME}.",
    "My phone number is {PHONE}.",
    "You can reach the clinic on {PHONE}.",
    "Please text {PHONE} when the courier arrives with order {ORDER}.",
    "mobile: {PHONE}",
    "Write an SMS reminder for the patient at {PHONE} about the appointment on {DATE}.",
    "The hotel's number is {PHONE} but nobody picks up.",
    "Tel. {PHONE} / Fax {PHONE}",
    "whatsapp me on {PHONE} pls",
    "Is {PHONE} a landline or a mobile number?",
    "Format this number for a business card: {PHONE}",
    "Our office moved; the new line is {PHONE}.",
    "If the package {ORDER} is late, call {PHONE}.",
    "Emergency contact {PHONE} (my sister).",
    "the landlord's cell is {PHONE}, can you write a text asking about the deposit",
    "Is it cheaper to call {PHONE} from abroad with Skype?",
    "Reservation under my number {PHONE} for 4 people at 8.",
    "Put {PHONE} in the footer of the flyer.",
  ],
  PAYMENT_CARD: [
    "My card number is {CARD}, expiry 0{N}/2{N}, why was it declined?",
    "Charge {PRICE} to the card ending in the number {CARD}.",
    "Is {CARD} a Visa or a Mastercard?",
    "The payment for order {ORDER} failed with card {CARD}.",
    "card: {CARD} cvv ***",
    "I was billed twice on {CARD} for {PRODUCT}.",
    "Please update my billing card to {CARD}.",
    "Someone used my credit card {CARD} in {CITY}, what do I do?",
    "Can you check if this card number is valid: {CARD}",
    "Netflix charged {CARD} twice this month, write a dispute letter",
    "Which bank issued {CARD}?",
    "Paste for the checkout form: {CARD}, exp 09/27.",
  ],
  IBAN: [
    "Please transfer {PRICE} to IBAN {IBAN}.",
    "My IBAN is {IBAN}, BIC to follow.",
    "Write a payment request for invoice {ORDER}; bank account: {IBAN}.",
    "Is {IBAN} a German or an Austrian account?",
    "The refund should go to {IBAN} (account holder: me).",
    "IBAN: {IBAN}\nReference: {ORDER}",
    "Set up a standing order of {PRICE} to {IBAN} every month.",
    "The transfer to {IBAN} bounced, why?",
    "Rent goes to {IBAN}, can you make a reminder message for my flatmates",
    "Payroll needs the new account {IBAN} before the 25th.",
    "Swap the old account for {IBAN} in the direct debit mandate.",
  ],
  US_SSN: [
    "My SSN is {SSN}, do I need it for the W-2?",
    "Fill in the form: SSN {SSN}, filing status single.",
    "social security number: {SSN}",
    "The IRS letter mentions {SSN}, is that mine?",
    "Employee SSN {SSN} was entered twice in payroll.",
    "can you check if {SSN} looks like a valid ssn format",
    "For the background check they asked for SS# {SSN}.",
    "I typed {SSN} on the FAFSA by mistake instead of my dad's, how do I fix it",
    "Does the SSA ever reissue a number like {SSN}?",
    "Social Security No. {SSN} — please verify before the I-9 deadline.",
  ],
  IP_ADDRESS: [
    "The server at {IP4} refuses SSH connections since the update to {VERSION}.",
    "Block {IP4} in the firewall, it keeps hammering /login.",
    "My home IP is {IP4}, why is it blacklisted?",
    'nginx logs show {IP4} - - [{TIME}] "GET /admin HTTP/1.1" 403',
    "Ping to {IP6} times out but IPv4 works.",
    "Add {IP6} to the allow list.",
    "Our VPN assigns {IP4} and the DNS is {IP4}.",
    "Why does curl http://[{IP6}]:8080/ fail?",
    "The database listens on {IP4}:5432; connect from {IP4}.",
    "The router WAN address changed to {IP6} overnight.",
    "Configure the subnet {IP4}/24 with gateway {IP4}.",
    "Someone from {IP4} logged into my Steam account, where is that?",
    "fail2ban banned {IP4} after 5 tries; unban it please",
    "Grafana alert: host {IP6} unreachable since {TIME}",
    "Is {IP4} inside the private 10/8 range?",
  ],
  STREET_ADDRESS: [
    "I live at {ADDRESS}.",
    "Please ship the replacement to {ADDRESS}.",
    "Our new office is at {ADDRESS}, second floor.",
    "Write a letter to my landlord at {ADDRESS} about the heating.",
    "Delivery address: {ADDRESS}",
    "How long does it take to walk from {ADDRESS} to the station?",
    "Change my billing address to {ADDRESS} please.",
    "The party is at {ADDRESS}, bring snacks!",
    "Send the signed contract to {ADDRESS}.",
    "i moved to {ADDRESS} last month, how do i update my voter registration",
    "Return address on the parcel: {ADDRESS}",
    "Is {ADDRESS} in a flood zone?",
    "Plan a route from {ADDRESS} to the airport avoiding tolls.",
    "We're hosting the book club at {ADDRESS} this month.",
    "Write a noise complaint for the neighbours at {ADDRESS}.",
    "The lease is for {ADDRESS}, starting next month.",
  ],
  DATE_OF_BIRTH: [
    "I was born on {DOB}, how old will I be next year?",
    "DOB: {DOB}",
    "Date of birth: {DOB}",
    "My birthday is {DOBNY}, plan a surprise for my team.",
    "Patient was born {DOB} and presents with a cough.",
    "My daughter was born on {DOB}; which vaccines are due?",
    "Fill in: name as on passport, date of birth {DOB}.",
    "born {DOB} in {CITY}",
    "He gave his D.O.B. as {DOB} but the ID says otherwise.",
    "{DOB} is my date of birth, am I eligible for the senior discount?",
    "birthdate {DOB}",
    "My son's birthday is on {DOBNY}, ideas for a cake?",
    "my grandma was born {DOB}, what generation is that",
    "Passport renewal: DOB {DOB}, place of birth {CITY}.",
    "Born on {DOB} — which zodiac sign am I?",
    "Insurance quote for a driver with date of birth {DOB}.",
  ],
  PERSON_NAME: [
    "My name is {NAME}.",
    "Hi, I'm {FIRST} and I need help with my tax return.",
    "Write a thank-you note to {NAME} for the flowers.",
    "Dear {NAME},\nThank you for your application.",
    "Can you summarise what {NAME} said in the meeting?",
    "Please schedule a call with {NAME} next week.",
    "Thanks,\n{NAME}",
    "Best regards,\n{NAME}",
    "Draft a reference letter for my colleague {NAME}.",
    "{NAME} will join the team on Monday as a data analyst.",
    "Ask {FIRST} whether the contract is signed.",
    "Dr. {SURNAME} prescribed amoxicillin, is that safe with ibuprofen?",
    "Mr. {SURNAME} from accounting wants the numbers by {TIME}.",
    "my name is {LNAME}, nice to meet you",
    "I met {NAME} at the conference in {CITY}.",
    "Tell {FIRST} the deadline moved.",
    "Translate this for {NAME}: the package arrives tomorrow.",
    "My wife {FIRST} and I are planning a trip to {CITY}.",
    "Cheers, {FIRST}",
    "Write a birthday poem for {NAME}.",
    "{FIRST} said the build is broken again.",
    "Meeting notes: {NAME} and {NAME2} agreed to postpone the launch.",
    "Hello {FIRST}, could you review the pull request?",
    "Sincerely,\n{NAME}\nHead of Operations",
    "Is {NAME} related to the author of {TITLE}?",
    "This is {NAME} from {COMPANY}, returning your call.",
    "Ms. {SURNAME} asked for a refund of {PRICE}.",
    "Please book a table for two under the name {NAME}.",
    "Can you help me write a eulogy for my grandfather, {NAME}?",
    "I'm meeting {NAME} for coffee tomorrow, what should I ask about the job?",
    "Our new intern is {NAME}; draft a welcome message.",
    "Write a LinkedIn recommendation for {NAME}, who managed our data team.",
    "Reply to {FIRST}'s message and say I'll be late.",
    "Kind regards,\n{NAME}",
    "How do I pronounce {NAME}?",
    "Remind {FIRST} about the dentist on Tuesday.",
  ],
  CRYPTO_ADDRESS: [
    "Send the ETH to {ETH}.",
    "My wallet is {ETH}, why don't I see the tokens?",
    "Is {BTC} a valid bitcoin address?",
    "Withdraw 0.05 BTC to {BTC} please.",
    "The payment went to {ETH} instead of my wallet.",
    "Donate to {BTC} if you like the project.",
    "Check the balance of {ETH} on mainnet.",
    "I sent funds from {BTC} to {BTC} but the exchange has not credited them.",
    "Whitelist {ETH} for the airdrop.",
    "Is {BTC} a SegWit address or a legacy one?",
    "Airdrop went to {ETH}, how do I claim it on Arbitrum?",
    "Scammer asked me to pay to {BTC}, can it be traced?",
  ],
  PRIVATE_KEY: [
    "Here is my private key, can you import it: {PKEY}",
    "PRIVATE_KEY={HEXKEY}",
    "My wallet key is {HEXKEY}, is it safe to paste it in MetaMask?",
    "Why does ssh reject this key?\n{PEM}",
    "Deploy script uses the signer {HEXKEY}.",
    "I exported my WIF key {PKEY} from the old wallet.",
    "key:\n{PEM}\nwhat format is this?",
    "Recover my funds with {PKEY}",
    "Hardhat complains about the account {HEXKEY}, is the format wrong?",
    "this is the id_rsa from the old server:\n{PEM}",
    "Sweep the paper wallet key {PKEY} into my Electrum wallet.",
  ],
  SEED_PHRASE: [
    "My seed phrase is {SEED}, is my wallet compromised?",
    "Recovery words: {SEED}",
    "I wrote down these words: {SEED}. Which wallet uses 12 words?",
    "Restore my wallet from\n{SEED}",
    'mnemonic = "{SEED}"',
    "Is this a valid BIP39 phrase? {SEED}",
    "Ledger asks for 24 words, I only have {SEED}",
    "backup words (don't share!!): {SEED}",
  ],
  SECRET: [
    "Why does the API return 401 with the key {APIKEY}?",
    "OPENAI_API_KEY={APIKEY}",
    "My password is {PASSWORD}, is it strong enough?",
    "password: {PASSWORD}",
    "Log in with user admin and pwd={PASSWORD}.",
    "Authorization: Bearer {JWT}",
    "Decode this JWT: {JWT}",
    "export GITHUB_TOKEN={APIKEY}",
    "db password is {PASSWORD}",
    "Connect with postgres://app:{PASSWORD}@db.internal:5432/prod",
    '"api_key": "{TOKEN}"',
    "The wifi password is {PASSWORD} if anyone asks.",
    "curl -H 'Authorization: Bearer {APIKEY}' https://api.example.com/v1/me",
    "aws_secret_access_key = {TOKEN}",
    "Use the token {APIKEY} for the CI job.",
    "my passcode for the door is {PASSWORD}",
    "secret: {TOKEN}",
    "Put {APIKEY} in the .env file and restart.",
    "The Stripe webhook fails; key in use: {APIKEY}",
    "Heroku config: DATABASE_PASSWORD={PASSWORD}",
    "Our router admin password is {PASSWORD}, should I change it?",
    "CI logs leaked {APIKEY}, what do I rotate first?",
    "X-Api-Key: {TOKEN}",
  ],
};

/** Messages with several kinds of personal data. */
const COMPOSITE_TEMPLATES: readonly string[] = [
  "Hi, I'm {NAME}. You can reach me at {EMAIL} or {PHONE}.",
  "Best regards,\n{NAME}\n{PHONE}\n{EMAIL}",
  "Ship to: {NAME}, {ADDRESS}. Phone {PHONE}.",
  "Please fill the form for me: name {NAME}, DOB {DOB}, SSN {SSN}, address {ADDRESS}.",
  "Transfer {PRICE} from my account {IBAN} and charge the rest to {CARD}.",
  "My ETH address is {ETH} and my seed phrase is {SEED}.",
  "The app on {IP4} uses password={PASSWORD} for the admin {EMAIL}.",
  "Patient {NAME}, date of birth {DOB}, phone {PHONE}, lives at {ADDRESS}.",
  "Dear {NAME},\nyour refund of {PRICE} was sent to {IBAN}.\nKind regards,\n{NAME2}",
  "Can you write an email to {NAME2} ({EMAIL}) introducing {NAME}?",
  "Emergency contact: {NAME}, {PHONE}, born {DOB}.",
  "Server {IP6} logs show failed logins for {EMAIL} from {IP4}.",
  "I'm {FIRST}, my wallet {BTC} was drained after I typed {SEED} into a website.",
  "Applicant: {NAME}\nDOB: {DOB}\nSSN: {SSN}\nPhone: {PHONE}\nEmail: {EMAIL}",
  "Please update the CRM: {NAME}, {COMPANY}, {EMAIL}, {PHONE}.",
  "my name is {LNAME} and my number is {PHONE}",
];

/** Sentences with look-alikes and no personal data, added to messages or standing alone as negatives. */
const LOOKALIKES: readonly string[] = [
  "Order {ORDER} shipped on {DATE}.",
  "We upgraded to {VERSION} yesterday.",
  "The build {COMMIT} broke the tests.",
  "The file's sha256 is {SHA256}.",
  "The transaction hash is {TXHASH}.",
  "Request id {UUID} failed at {TIME}.",
  "Total: {PRICE} including VAT.",
  "The meeting is on {DATE} at {TIME}.",
  "Invoice dated {DATE}, due in {N} days.",
  "Population of {CITY}: {BIGN}.",
  "Chrome {VERSION} fixes the memory leak.",
  "The ISBN is {ISBN}.",
  "Barcode {EAN} scans as an unknown product.",
  "Use the colour {HEXCOLOR} for the header.",
  "The coordinates are {COORD}.",
  "Edit {PATH} and rename {IDENT}.",
  "Install {PKG} first.",
  "Track parcel {ORDER} please.",
  "Deadline: {DATE}.",
  "We moved from {PRODUCT} to {PRODUCT} in {YEAR}.",
  "Is {TITLE} worth reading?",
  "I flew from {CITY} to {CITY} on {DATE}.",
  "This test card {BADCARD} should be rejected by the validator.",
  "The IBAN {BADIBAN} fails the checksum, what is wrong with it?",
  "Is {BADSSN} a real SSN? Looks fake to me.",
];

/** Messages without personal data: everyday questions, code, numbers that look like identifiers, names of things. */
const NEGATIVE_TEMPLATES: readonly string[] = [
  ...LOOKALIKES,
  "What is the capital of Australia?",
  "Explain the difference between TCP and UDP in simple terms.",
  "Will it rain in {CITY} on Saturday?",
  "May I ask how the refund policy works for orders over {PRICE}?",
  "Grace period for the loan is {N} days, is that normal?",
  "Mark the task as done and bill the client {PRICE}.",
  "The password is incorrect, how do I reset it?",
  "My password was rejected, the form says the password is too short.",
  "API key is required for this endpoint, where do I generate one?",
  "The token expired after {N} minutes, how do I refresh it?",
  "Top {N} Drive-in theaters near {CITY}?",
  "Walk {N} blocks down the road and turn left at the bank.",
  "The 5 Best Way to learn piano, according to a blog.",
  "The idea for the company was born in {YEAR} in a garage.",
  "Born This Way was released on {DATE}, right?",
  "Summarise chapter {N} of {TITLE}.",
  "Convert {BIGN} seconds to days.",
  "How do I use std::vector<int> and Foo::Bar::baz() in C++?",
  "Set max_connections = {N} and timeout: {N}s in the config.",
  "The server returned HTTP 503 at {TIME}, retrying in {N} s.",
  "Our Q{N} revenue grew by {N}% compared to {YEAR}.",
  "Is {PRODUCT} better than {PRODUCT} for a small team?",
  "New York and San Francisco are both expensive; what about Salt Lake City?",
  "Write a haiku about autumn leaves falling in the park.",
  "Can you compare Visual Studio Code with JetBrains Rider?",
  "The meeting with the Product Marketing team moved to Thursday.",
  "Happy Birthday to the whole Engineering Department!",
  "I need {N} copies of the report by Monday morning.",
  "What does error code 0x80070005 mean on Windows?",
  "The Machine Learning course starts on {DATE}.",
  "Can you list the Premier League winners since {YEAR}?",
  "Use git rebase -i HEAD~{N} to squash the commits.",
  "The logo@2x.png file is blurry on retina screens.",
  "Clone git@github.com:example/repo.git and run npm install.",
  "Sort these numbers: {BIGN}, {BIGN}, {N}, {N}.",
  "What is 15% of {PRICE}?",
  "The flight leaves at {TIME} from gate B{N}.",
  "Rate limit is {N} requests per second per IP.",
  "My account was locked after {N} attempts; the support ticket is {ORDER}.",
  "Who won the World Cup in {YEAR}?",
  "Explain how a Luhn checksum works with an example.",
  "Ocean Drive in Miami or Main Street in Disneyland, which is busier?",
  "Please translate 'good morning' into Japanese and Korean.",
  "The invoice {ORDER} lists {N} items at {PRICE} each.",
  "Give me a recipe that uses {N} eggs and no sugar.",
  "St. Patrick's Day falls on a Sunday this year.",
  "The Amazon River is longer than the Mississippi, isn't it?",
  "Our tech stack: Node {VERSION}, Python {VERSION}, PostgreSQL {N}.",
  "Can you explain what a BIP39 seed phrase is, without showing a real one?",
  "How many IPv4 addresses are in a /{N} subnet?",
  "Flight {ORDER} was delayed {N} hours; what are my rights under EU261?",
  "npm ERR! code E404 for {PKG}, how do I fix it?",
  "Version {VERSION} of the app crashes on launch.",
  "Reference {UUID} appears in every log line.",
  "Explain Dijkstra's algorithm with a small example graph.",
  "The stock closed at {PRICE} on {DATE}.",
  "Will the movies from the nineties hold up, ranked?",
  "Send me the Python snippet that parses {PATH}.",
  "Checksum {SHA256} matches the download page.",
  "April showers bring May flowers, finish the rhyme.",
  "Joy Division or New Order, which came first?",
  "How far is Victoria Station from Paddington?",
  "Difference between an IBAN and a SWIFT code?",
];

/**
 * Held-out templates: written after the detectors were tuned (the templates above include an earlier held-out set
 * that was then tuned on), and never tuned on. The held-out split (evaluate.ts reports it apart) shows how the
 * detectors do on phrasings they were not fitted to.
 */
const HELD_OUT_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  EMAIL: [
    "hey can u check why {EMAIL} bounces?? it worked yesterday",
    "Invite {EMAIL} to the Figma file and give edit rights.",
    "My university account {EMAIL} expires in June, how do I export my files?",
    "Draft an out-of-office that points people to {EMAIL}.",
  ],
  PHONE: [
    "pls call the plumber back on {PHONE} and ask if thursday works",
    "Our support hotline {PHONE} is open 9-5, put that in the FAQ.",
    "Is this a scam? Missed call from {PHONE} twice at night.",
    "Add a contact: Mum, {PHONE}.",
  ],
  PAYMENT_CARD: [
    "The hotel kept a deposit on {CARD}, how do I get it released?",
    "Save {CARD} as my default payment method.",
    "Got a fraud alert for the card {CARD}.",
  ],
  IBAN: [
    "Client wants to pay to {IBAN} but our bank says the account is closed.",
    "Please double-check the IBAN on the invoice: {IBAN}",
    "salary should land on {IBAN} from next month",
  ],
  US_SSN: [
    "The dentist's intake form asks for my SSN ({SSN}), is that normal?",
    "Correct the typo: the social security number should read {SSN}.",
    "tax preparer needs ssn {SSN} plus last year's AGI",
  ],
  IP_ADDRESS: [
    "Why can't I reach {IP4} from the guest Wi-Fi?",
    "Our staging box moved to {IP6}; update the DNS AAAA record.",
    "Add an A record pointing shop.example.com to {IP4}.",
    "Traceroute dies after {IP4}.",
  ],
  STREET_ADDRESS: [
    "Can you find a good pizza place near {ADDRESS}?",
    "Rewrite my CV header with the new address {ADDRESS}.",
    "Is parking allowed overnight outside {ADDRESS}?",
    "We got married at {ADDRESS}, help me write an anniversary note.",
  ],
  DATE_OF_BIRTH: [
    "Calculate my exact age in days, I was born {DOB}.",
    "Visa form: Date of Birth (DD/MM/YYYY) {DOB}",
    "My twins were born on {DOB}, what milestones should we expect now?",
    "birthday's {DOBNY}, any ideas for a low-key party?",
  ],
  PERSON_NAME: [
    "Can you recommend a gift for my boss, {NAME}, who loves hiking?",
    "Write a short bio for {NAME}, a nurse with 10 years of experience.",
    "Remind me to call {FIRST} on Friday.",
    "Translate the contract and address it to Mr. {SURNAME}.",
    "{NAME} and I are co-authors on the paper; draft the acknowledgements.",
    "Warm regards,\n{NAME}",
    "Who should sit next to {FIRST} at the wedding dinner?",
    "Write a toast for {NAME}'s retirement party.",
  ],
  CRYPTO_ADDRESS: [
    "Is it safe to publish {ETH} on my website for donations?",
    "Binance says {BTC} is invalid, why?",
    "Track incoming payments to {BTC}.",
  ],
  PRIVATE_KEY: [
    "my metamask private key is {HEXKEY} — did I leak it by pasting it here?",
    "Convert this key to PEM: {PKEY}",
    "The deploy log printed\n{PEM}\nhow bad is that?",
  ],
  SEED_PHRASE: ["Found an old note with these words: {SEED}. Could it be a wallet?", "12-word backup: {SEED}"],
  SECRET: [
    "After rotating, the new token is {APIKEY}, update the GitHub secret.",
    "why does login fail with password {PASSWORD} on the staging site",
    "client_secret: {TOKEN}",
    "The vendor emailed us the key {APIKEY} in plain text, is that bad practice?",
    "Set REDIS_PASSWORD={PASSWORD} in docker-compose.",
  ],
};

/** Held-out look-alikes without personal data. */
const HELD_OUT_NEGATIVES: readonly string[] = [
  "Ticket {ORDER} is still open after {N} days.",
  "Build {COMMIT} on {DATE} passed all {N} tests.",
  "The recipe needs {N} cups of flour and costs about {PRICE}.",
  "Our office in {CITY} opens at {TIME}.",
  "Compare {PRODUCT} and {PRODUCT} for note taking.",
  "What does HTTP status 418 mean?",
  "Grace Hopper coined the term bug, right? Explain the story.",
  "March Madness starts on {DATE}; how does the bracket work?",
  "Summer Olympics {YEAR}: which cities bid?",
  "The SKU is {EAN} and the batch is {ORDER}.",
  "Port 8080 is blocked on the corporate network.",
  "Install Python {VERSION} on Ubuntu without sudo.",
];

/** How often each kind of message is generated. */
const MIX: readonly (readonly [number, string])[] = [
  [9, "EMAIL"],
  [9, "PHONE"],
  [8, "PAYMENT_CARD"],
  [8, "IBAN"],
  [7, "US_SSN"],
  [9, "IP_ADDRESS"],
  [11, "STREET_ADDRESS"],
  [9, "DATE_OF_BIRTH"],
  [16, "PERSON_NAME"],
  [8, "CRYPTO_ADDRESS"],
  [7, "PRIVATE_KEY"],
  [6, "SEED_PHRASE"],
  [10, "SECRET"],
  [14, "COMPOSITE"],
];

/** A message with personal data of at least one category (from the held-out templates if `heldOut`). */
export function positiveMessage(r: Random, heldOut = false): LabelledMessage {
  const c: Context = { r, person: personName(r), other: personName(r) };
  const kind = r.weighted(heldOut ? MIX.filter(([, k]) => k !== "COMPOSITE") : MIX);
  const templates = heldOut ? HELD_OUT_TEMPLATES : TEMPLATES;
  const template = r.pick(kind === "COMPOSITE" ? COMPOSITE_TEMPLATES : (templates[kind] ?? []));
  const message = fill(template, c);
  if (!r.chance(0.35)) return message;
  // Add a look-alike sentence before or after.
  const extra = fill(r.pick(LOOKALIKES), c);
  if (r.chance(0.5)) return { text: `${message.text} ${extra.text}`, spans: message.spans };
  const offset = extra.text.length + 1;
  return {
    text: `${extra.text} ${message.text}`,
    spans: message.spans.map((span) => ({ ...span, start: span.start + offset, end: span.end + offset })),
  };
}

/** A message without personal data (from the held-out templates if `heldOut`). */
export function negativeMessage(r: Random, heldOut = false): LabelledMessage {
  const c: Context = { r, person: personName(r), other: personName(r) };
  const templates = heldOut ? HELD_OUT_NEGATIVES : NEGATIVE_TEMPLATES;
  const first = fill(r.pick(templates), c);
  if (!r.chance(0.4)) return { text: first.text, spans: [] };
  return { text: `${first.text} ${fill(r.pick(templates), c).text}`, spans: [] };
}

/** The labelled corpus of a seed: `positives` messages with personal data, then `negatives` without. */
export function generateCorpus(seed = DEFAULT_SEED, positives = 2500, negatives = 600): LabelledMessage[] {
  const r = new Random(seed);
  const messages: LabelledMessage[] = [];
  for (let i = 0; i < positives; i++) messages.push(positiveMessage(r));
  for (let i = 0; i < negatives; i++) messages.push(negativeMessage(r));
  return messages;
}

/** The held-out split: the same value generators, templates the detectors were never tuned on. */
export function generateHeldOut(seed = DEFAULT_SEED + 1, positives = 600, negatives = 150): LabelledMessage[] {
  const r = new Random(seed);
  const messages: LabelledMessage[] = [];
  for (let i = 0; i < positives; i++) messages.push(positiveMessage(r, true));
  for (let i = 0; i < negatives; i++) messages.push(negativeMessage(r, true));
  return messages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2] ?? DEFAULT_SEED);
  for (const message of generateCorpus(seed)) process.stdout.write(`${JSON.stringify(message)}\n`);
}
