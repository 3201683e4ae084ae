// Generators of personal data in the formats people actually write, for the labelled corpus (corpus.ts). Every
// generator draws from the seeded random source it is given, so a seed gives the same corpus every time. Checksummed
// values are valid (Luhn, mod 97, Base58Check, bech32, EIP-55, BIP-39); look-alikes are deliberately invalid.
// The name pools here are written independently of the detector's lexicon (backend/src/privacy/detectors/
// first-names.ts): many corpus names are not in it, as in real traffic.
import { createHash } from "node:crypto";
import { getAddress } from "viem";
import { english } from "viem/accounts";
import { base58CheckEncode } from "../../src/privacy/detectors/base58check.js";
import { segwitAddressEncode } from "../../src/privacy/detectors/bech32.js";

/** A seeded random source (mulberry32). */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** One of `items`, chosen with the given weights. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((sum, [weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [weight, item] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return (items.at(-1) as readonly [number, T])[1];
  }

  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(0, 255));
  }

  chars(alphabet: string, n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

// ---------------------------------------------------------------------------------------------------------------
// People

/** Given names by culture; about half are outside the detector's lexicon. */
export const GIVEN_NAMES: Readonly<Record<string, readonly string[]>> = {
  english: [
    "James",
    "Emily",
    "Oliver",
    "Charlotte",
    "Henry",
    "Abigail",
    "Tyler",
    "Megan",
    "Brandon",
    "Courtney",
    "Declan",
    "Imogen",
    "Rhys",
    "Bethany",
    "Callum",
    "Tamsin",
    "Brody",
    "Kinsley",
    "Colton",
    "Paisley",
    "Graham",
    "Maeve",
  ],
  spanish: [
    "Alejandro",
    "Lucía",
    "Mateo",
    "Valentina",
    "Javier",
    "Camila",
    "Iker",
    "Ainhoa",
    "Rodrigo",
    "Itziar",
    "Nerea",
    "Gonzalo",
    "Ximena",
    "Emiliano",
    "Renata",
    "Bruno",
    "Catalina",
    "Joaquín",
    "Florencia",
    "Maite",
  ],
  french: [
    "Camille",
    "Antoine",
    "Léa",
    "Mathieu",
    "Chloé",
    "Julien",
    "Margaux",
    "Baptiste",
    "Solène",
    "Quentin",
    "Apolline",
    "Gaëlle",
    "Timothée",
    "Bastien",
    "Élise",
    "Corentin",
    "Maëlle",
    "Gaspard",
  ],
  german: [
    "Lukas",
    "Katharina",
    "Jonas",
    "Greta",
    "Florian",
    "Sabine",
    "Matthias",
    "Ute",
    "Jannik",
    "Friederike",
    "Till",
    "Henrike",
    "Wiebke",
    "Benedikt",
    "Dörte",
    "Malte",
    "Jannis",
    "Insa",
  ],
  slavic: [
    "Ivan",
    "Anastasia",
    "Dmitri",
    "Olga",
    "Katarzyna",
    "Piotr",
    "Agnieszka",
    "Bohdan",
    "Zdenka",
    "Radoslav",
    "Milena",
    "Wojciech",
    "Ludmila",
    "Stanislav",
    "Jarosław",
    "Zuzana",
    "Vesna",
    "Goran",
  ],
  arabic: [
    "Mohammed",
    "Fatima",
    "Omar",
    "Aisha",
    "Youssef",
    "Layla",
    "Khalid",
    "Mariam",
    "Tariq",
    "Rasha",
    "Walid",
    "Nour",
    "Ziad",
    "Hiba",
    "Samir",
    "Lubna",
    "Anas",
    "Rawan",
    "Bassam",
    "Dina",
  ],
  southAsian: [
    "Priya",
    "Arjun",
    "Ananya",
    "Rohan",
    "Kavya",
    "Vikram",
    "Meera",
    "Siddharth",
    "Harini",
    "Raghav",
    "Tanvi",
    "Karthik",
    "Ishita",
    "Prakash",
    "Nandini",
    "Aniket",
    "Shalini",
    "Farhan",
    "Sadia",
    "Tahmina",
  ],
  eastAsian: [
    "Kenji",
    "Yuki",
    "Haruto",
    "Sakura",
    "Takeshi",
    "Aoi",
    "Ren",
    "Misaki",
    "Sota",
    "Hinata",
    "Xiaoming",
    "Jiayi",
    "Zihan",
    "Yuxuan",
    "Haoran",
    "Minjun",
    "Seoyeon",
    "Jiho",
    "Eunji",
    "Doyoon",
  ],
  african: [
    "Chinedu",
    "Ngozi",
    "Oluwaseun",
    "Adaeze",
    "Kwame",
    "Ama",
    "Thabo",
    "Zanele",
    "Wanjiru",
    "Otieno",
    "Tendai",
    "Chiamaka",
    "Babajide",
    "Nkechi",
    "Kofi",
    "Lindiwe",
    "Sizwe",
    "Amaka",
    "Kipchoge",
    "Ayodele",
  ],
  vietnamese: ["Minh", "Linh", "Tuan", "Huong", "Duc", "Thao", "Quang", "Phuong", "Hieu", "Trang"],
  nordic: [
    "Sven",
    "Ingrid",
    "Lars",
    "Astrid",
    "Magnus",
    "Sigrid",
    "Eirik",
    "Solveig",
    "Henrik",
    "Liv",
    "Oskar",
    "Tove",
  ],
  italian: [
    "Giulia",
    "Matteo",
    "Chiara",
    "Lorenzo",
    "Federica",
    "Alessandro",
    "Beatrice",
    "Tommaso",
    "Ilaria",
    "Edoardo",
  ],
};

export const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  english: [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Taylor",
    "Whitaker",
    "Ashworth",
    "Pemberton",
    "O'Brien",
    "McAllister",
    "Fitzgerald",
    "Hollis",
    "Carver",
    "Langley",
    "Thornton",
    "Blackwood",
  ],
  spanish: [
    "García",
    "Martínez",
    "Rodríguez",
    "López",
    "Fernández",
    "de la Cruz",
    "Etxeberria",
    "Ibáñez",
    "Zamora",
    "Villalobos",
    "Castañeda",
    "Olmedo",
  ],
  french: [
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Fontaine",
    "Girard",
    "Rousseau",
    "Chevalier",
    "Marchand",
    "Lemaire",
    "Beaumont",
  ],
  german: [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Hoffmann",
    "Krüger",
    "von Bülow",
    "Schäfer",
  ],
  slavic: ["Ivanov", "Petrova", "Kowalski", "Nowak", "Wiśniewska", "Novák", "Horvat", "Kovalenko", "Sokolov", "Dvořák"],
  arabic: ["Al-Sayed", "Haddad", "Khoury", "Mansour", "Nasser", "El-Amin", "Farouk", "Suleiman", "bin Rashid", "Qasim"],
  southAsian: ["Sharma", "Patel", "Iyer", "Reddy", "Chatterjee", "Nair", "Khan", "Chowdhury", "Menon", "Bhattacharya"],
  eastAsian: ["Tanaka", "Watanabe", "Nakamura", "Kobayashi", "Wang", "Zhang", "Liu", "Kim", "Park", "Choi", "Yamamoto"],
  african: ["Okafor", "Adeyemi", "Mensah", "Nkosi", "Mwangi", "Ochieng", "Dlamini", "Okonkwo", "Boateng", "Abiodun"],
  vietnamese: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang"],
  nordic: ["Johansson", "Andersen", "Nilsson", "Lindqvist", "Haugen", "Bergström", "Dahl", "Virtanen"],
  italian: ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "De Luca"],
};

const CULTURES = Object.keys(GIVEN_NAMES);

export interface PersonName {
  readonly given: string;
  readonly surname: string;
  readonly full: string;
}

export function personName(r: Random): PersonName {
  const culture = r.pick(CULTURES);
  const given = r.pick(GIVEN_NAMES[culture] ?? []);
  const surname = r.pick(SURNAMES[culture] ?? []);
  const middle = r.chance(0.06) ? ` ${r.chars("ABCDEFGHJKLMNPRSTW", 1)}.` : "";
  const full = culture === "eastAsian" && r.chance(0.2) ? `${surname} ${given}` : `${given}${middle} ${surname}`;
  return { given, surname, full };
}

// ---------------------------------------------------------------------------------------------------------------
// Contact

const EMAIL_DOMAINS = [
  "gmail.com",
  "yahoo.com",
  "outlook.com",
  "hotmail.co.uk",
  "proton.me",
  "icloud.com",
  "web.de",
  "gmx.net",
  "orange.fr",
  "libero.it",
  "yahoo.co.jp",
  "qq.com",
  "naver.com",
  "mail.ru",
  "acme-corp.com",
  "globex.io",
  "initech.co",
  "umbrella.org",
  "cs.stanford.edu",
  "ox.ac.uk",
  "uni-heidelberg.de",
  "hmrc.gov.uk",
  "bigfirm.com.au",
  "startup.ai",
  "example.org",
  "consultancy.nl",
  "t-online.de",
  "fastmail.fm",
  "zoho.in",
  "company.co.za",
];

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

export function email(r: Random, person = personName(r)): string {
  const first = ascii(person.given);
  const last = ascii(person.surname);
  const local = r.weighted<string>([
    [5, `${first}.${last}`],
    [3, `${first}${last}`],
    [2, `${first[0]}.${last}`],
    [2, `${first}_${last}`],
    [2, `${first}${r.int(1, 99)}`],
    [1, `${first}+${r.pick(["news", "shop", "work", "github", "bills"])}`],
    [1, `${first}.${last}${r.int(70, 99)}`],
    [1, `${first}-${last}`],
    [1, `${r.pick(["info", "contact", "hello", "billing", "admin"])}`],
    [1, `${last}${first[0]}`],
  ]);
  let address = `${local}@${r.pick(EMAIL_DOMAINS)}`;
  if (r.chance(0.08))
    address = address.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c: string) => `@${c.toUpperCase()}`);
  if (r.chance(0.04)) address = address.toUpperCase();
  if (r.chance(0.03)) address = address.replace("@", " [at] ").replace(/\.(?=[^.]+$)/, " [dot] ");
  return address;
}

/** Phone numbers: [format name, generator] in the formats of a dozen countries. */
export function phone(r: Random): string {
  const area = () => `${r.int(2, 9)}${r.digits(2)}`;
  const us = () => {
    const a = area();
    const b = `${r.int(2, 9)}${r.digits(2)}`;
    const c = r.digits(4);
    return r.weighted<string>([
      [4, `(${a}) ${b}-${c}`],
      [3, `${a}-${b}-${c}`],
      [2, `${a}.${b}.${c}`],
      [2, `+1 ${a} ${b} ${c}`],
      [1, `+1-${a}-${b}-${c}`],
      [1, `1-800-${b}-${c}`],
      [1, `(${a})${b}-${c}`],
      [1, `+1${a}${b}${c}`],
      [1, `${a} ${b} ${c}`],
      [1, `+1 (${a}) ${b}-${c}`],
    ]);
  };
  const number = r.weighted<() => string>([
    [6, us],
    [1, () => `+44 20 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `+44 7${r.digits(3)} ${r.digits(6)}`],
    [1, () => `020 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `07${r.digits(3)} ${r.digits(6)}`],
    [1, () => `+44 (0)20 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `0044 20 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `+49 30 ${r.digits(6)}`],
    [1, () => `+49 (0)30 ${r.digits(6)}`],
    [1, () => `030 ${r.digits(6)}`],
    [1, () => `+49 151 ${r.digits(8)}`],
    [1, () => `0151 ${r.digits(8)}`],
    [1, () => `+33 1 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`],
    [1, () => `06 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`],
    [1, () => `+33 6 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`],
    [1, () => `01.${r.digits(2)}.${r.digits(2)}.${r.digits(2)}.${r.digits(2)}`],
    [1, () => `+91 ${r.int(6, 9)}${r.digits(4)} ${r.digits(5)}`],
    [1, () => `+91-${r.int(6, 9)}${r.digits(4)}-${r.digits(5)}`],
    [1, () => `+81 3-${r.digits(4)}-${r.digits(4)}`],
    [1, () => `090-${r.digits(4)}-${r.digits(4)}`],
    [1, () => `+61 2 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `(02) ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `04${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`],
    [1, () => `+55 11 9${r.digits(4)}-${r.digits(4)}`],
    [1, () => `(11) 9${r.digits(4)}-${r.digits(4)}`],
    [1, () => `+86 13${r.digits(1)} ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `+234 80${r.digits(1)} ${r.digits(3)} ${r.digits(4)}`],
    [1, () => `+254 7${r.digits(2)} ${r.digits(6)}`],
    [1, () => `+27 8${r.digits(1)} ${r.digits(3)} ${r.digits(4)}`],
    [1, () => `+34 9${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`],
    [1, () => `+39 06 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `+31 20 ${r.digits(3)} ${r.digits(4)}`],
    [1, () => `+7 495 ${r.digits(3)}-${r.digits(2)}-${r.digits(2)}`],
    [1, () => `+52 55 ${r.digits(4)} ${r.digits(4)}`],
    [1, () => `${us()} ext. ${r.int(10, 9999)}`],
    [1, () => `${us()} x${r.int(10, 999)}`],
  ]);
  return number();
}

// ---------------------------------------------------------------------------------------------------------------
// Money

function luhnCheckDigit(partial: string): string {
  let sum = 0;
  let double = true;
  for (let i = partial.length - 1; i >= 0; i--) {
    let d = partial.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

function group(digits: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= digits.length) break;
    parts.push(digits.slice(i, i + size));
    i += size;
  }
  if (i < digits.length) parts.push(digits.slice(i));
  return parts.join(separator);
}

export function paymentCard(r: Random, valid = true): string {
  const [prefix, length, sizes] = r.weighted<readonly [string, number, readonly number[]]>([
    [5, ["4", 16, [4, 4, 4, 4]]],
    [4, [String(r.int(51, 55)), 16, [4, 4, 4, 4]]],
    [1, [String(r.int(2221, 2720)), 16, [4, 4, 4, 4]]],
    [2, [r.pick(["34", "37"]), 15, [4, 6, 5]]],
    [1, ["6011", 16, [4, 4, 4, 4]]],
    [1, [String(r.int(3528, 3589)), 16, [4, 4, 4, 4]]],
    [1, ["36", 14, [4, 6, 4]]],
    [1, ["62", r.pick([16, 19]), [4, 4, 4, 4, 3]]],
  ]);
  const body = prefix + r.digits(length - prefix.length - 1);
  let check = luhnCheckDigit(body);
  if (!valid) check = String((Number(check) + r.int(1, 9)) % 10);
  const digits = body + check;
  return r.weighted<string>([
    [5, group(digits, sizes, " ")],
    [2, group(digits, sizes, "-")],
    [3, digits],
  ]);
}

const IBAN_FORMATS: Readonly<Record<string, string>> = {
  DE: "8n10n",
  GB: "4a6n8n",
  FR: "5n5n11c2n",
  ES: "4n4n2n10n",
  IT: "1a5n5n12c",
  NL: "4a10n",
  BE: "3n7n2n",
  CH: "5n12c",
  AT: "5n11n",
  PL: "8n16n",
  SE: "3n16n1n",
  IE: "4a6n8n",
  PT: "4n4n11n2n",
  NO: "4n6n1n",
  DK: "4n9n1n",
  FI: "6n7n1n",
  LU: "3n13c",
  CZ: "4n6n10n",
  GR: "3n4n16c",
  RO: "4a16c",
  HU: "3n4n1n15n1n",
  HR: "7n10n",
  SA: "2n18c",
  TR: "5n1n16c",
  AE: "3n16n",
  IL: "3n3n13n",
  BR: "8n5n10n1a1c",
};

function mod97(text: string): number {
  let remainder = 0;
  for (const c of text) {
    const value = c >= "A" && c <= "Z" ? String(c.charCodeAt(0) - 55) : c;
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

export function iban(r: Random, valid = true): string {
  const country = r.pick(Object.keys(IBAN_FORMATS));
  let bban = "";
  for (const [, count, kind] of (IBAN_FORMATS[country] ?? "").matchAll(/(\d+)([nac])/g)) {
    const alphabet =
      kind === "n"
        ? "0123456789"
        : kind === "a"
          ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
          : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    bban += r.chars(alphabet, Number(count));
  }
  let check = 98 - mod97(`${bban}${country}00`);
  if (!valid) check = ((check + r.int(1, 50)) % 97) + 2;
  const compact = `${country}${String(check).padStart(2, "0")}${bban}`;
  const text = r.weighted<string>([
    [6, compact.replace(/(.{4})(?!$)/g, "$1 ")],
    [3, compact],
    [1, compact.toLowerCase().replace(/(.{4})(?!$)/g, "$1 ")],
  ]);
  return text;
}

export function ssn(r: Random, valid = true): string {
  let area = r.chance(0.5) ? r.int(1, 665) : r.int(667, 899);
  let groupNumber = r.int(1, 99);
  let serial = r.int(1, 9999);
  if (!valid) {
    const broken = r.int(0, 3);
    if (broken === 0) area = 0;
    else if (broken === 1) area = r.pick([666, r.int(900, 999)]);
    else if (broken === 2) groupNumber = 0;
    else serial = 0;
  }
  const a = String(area).padStart(3, "0");
  const g = String(groupNumber).padStart(2, "0");
  const s = String(serial).padStart(4, "0");
  return r.weighted<string>([
    [7, `${a}-${g}-${s}`],
    [2, `${a} ${g} ${s}`],
    [2, `${a}${g}${s}`],
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Network

export function ipv4(r: Random): string {
  return r.weighted<string>([
    [3, `192.168.${r.int(0, 255)}.${r.int(1, 254)}`],
    [2, `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`],
    [1, `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(1, 254)}`],
    [4, `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`],
  ]);
}

export function ipv6(r: Random): string {
  const g = () => r.chars(HEX, r.int(1, 4)).replace(/^0+(?=.)/, "");
  return r.weighted<string>([
    [2, Array.from({ length: 8 }, () => r.chars(HEX, 4)).join(":")],
    [3, `2001:db8:${g()}:${g()}::${g()}`],
    [2, `2a02:${r.chars(HEX, 4)}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`],
    [2, `fe80::${g()}:${g()}:${g()}:${g()}`],
    [1, `fe80::${g()}:${r.chars(HEX, 4)}%eth0`],
    [1, `::ffff:${ipv4(r)}`],
    [1, `2606:4700:${g()}::${g()}`],
    [1, `${r.chars(HEX, 4).toUpperCase()}:${r.chars(HEX, 4).toUpperCase()}::${r.chars(HEX, 3).toUpperCase()}1`],
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Places

const STREET_NAMES = [
  "Maple",
  "Oak",
  "Elm",
  "Cedar",
  "Pine",
  "Washington",
  "Lincoln",
  "Highland",
  "Sunset",
  "Lakeview",
  "Park",
  "Church",
  "Mill",
  "Willow",
  "Hillcrest",
  "Jefferson",
  "Franklin",
  "Madison",
  "Chestnut",
  "Baker",
  "Kings",
  "Queens",
  "Victoria",
  "Station",
  "Amphitheatre",
  "Pennsylvania",
  "Martin Luther King Jr",
  "Old Mill",
  "Green Valley",
  "Spring Garden",
  "West End",
  "Harbour",
];
const US_SUFFIXES = [
  "Street",
  "St",
  "St.",
  "Avenue",
  "Ave",
  "Ave.",
  "Road",
  "Rd",
  "Boulevard",
  "Blvd",
  "Lane",
  "Ln",
  "Drive",
  "Dr",
  "Court",
  "Ct",
  "Place",
  "Way",
  "Terrace",
  "Parkway",
  "Circle",
  "Trail",
];
const US_CITIES: readonly (readonly [string, string, string])[] = [
  ["Springfield", "IL", "627"],
  ["Austin", "TX", "787"],
  ["Portland", "OR", "972"],
  ["Mountain View", "CA", "940"],
  ["Brooklyn", "NY", "112"],
  ["Seattle", "WA", "981"],
  ["Denver", "CO", "802"],
  ["Boston", "MA", "021"],
  ["Atlanta", "GA", "303"],
  ["San Diego", "CA", "921"],
  ["Columbus", "OH", "432"],
  ["Madison", "WI", "537"],
];
const UK_PLACES: readonly (readonly [string, string])[] = [
  ["London", "NW1 6XE"],
  ["Manchester", "M14 5RS"],
  ["Leeds", "LS6 2AB"],
  ["Bristol", "BS8 1TH"],
  ["Edinburgh", "EH8 9YL"],
  ["Cardiff", "CF10 3AT"],
  ["Oxford", "OX1 2JD"],
  ["Glasgow", "G12 8QQ"],
];

export function streetAddress(r: Random): string {
  const number = () =>
    String(
      r.weighted<number>([
        [5, r.int(1, 999)],
        [3, r.int(1000, 9999)],
        [1, r.int(10000, 99999)],
      ]),
    );
  const usStreet = () => `${number()} ${r.pick(STREET_NAMES)} ${r.pick(US_SUFFIXES)}`;
  const unit = () =>
    r.pick([
      `Apt ${r.int(1, 30)}${r.pick(["", "B", "C"])}`,
      `Suite ${r.int(100, 900)}`,
      `Unit ${r.int(1, 40)}`,
      `#${r.int(1, 60)}`,
      `Apt. ${r.int(1, 12)}`,
    ]);
  const usCity = () => {
    const [city, state, zip] = r.pick(US_CITIES);
    return `${city}, ${state} ${zip}${r.digits(2)}`;
  };
  const kind = r.weighted<() => string>([
    [4, () => `${usStreet()}, ${usCity()}`],
    [3, () => usStreet()],
    [2, () => `${usStreet()}, ${unit()}, ${usCity()}`],
    [1, () => `${usStreet()} ${unit()}`],
    [
      1,
      () =>
        `${number()} ${r.pick(["5th", "3rd", "42nd", "1st", "7th"])} ${r.pick(["Ave", "Avenue", "Street", "St"])}${r.chance(0.5) ? `, New York, NY 100${r.digits(2)}` : ""}`,
    ],
    [
      2,
      () => {
        const [city, postcode] = r.pick(UK_PLACES);
        return `${r.int(1, 220)}${r.pick(["", "", "B", "A"])} ${r.pick(STREET_NAMES)} ${r.pick(["Street", "Road", "Lane", "Close", "Grove", "Crescent", "Gardens", "Terrace"])}, ${city} ${postcode}`;
      },
    ],
    [
      1,
      () => {
        const [city, postcode] = r.pick(UK_PLACES);
        return `Flat ${r.int(1, 30)}, ${r.int(1, 200)} ${r.pick(STREET_NAMES)} ${r.pick(["Road", "Grove", "Street"])}, ${city} ${postcode}`;
      },
    ],
    [
      1,
      () =>
        `Unit ${r.int(1, 20)}/${r.int(1, 300)} ${r.pick(["George", "Pitt", "Collins", "Queen"])} St, ${r.pick(["Sydney NSW 2000", "Melbourne VIC 3000", "Brisbane QLD 4000"])}`,
    ],
    [
      1,
      () =>
        `${r.int(1, 999)} ${r.pick(["King", "Queen", "Yonge", "Bloor"])} St ${r.pick(["W", "E"])}, Toronto, ON M5V ${r.int(1, 9)}T${r.int(1, 9)}`,
    ],
    [
      2,
      () =>
        `${r.int(1, 180)} ${r.pick(["rue de Rivoli", "rue du Faubourg Saint-Honoré", "avenue des Champs-Élysées", "boulevard Haussmann", "rue de la Paix", "place Bellecour", "rue Sainte-Catherine"])}${r.chance(0.7) ? `, ${r.pick(["75001 Paris", "75008 Paris", "69002 Lyon", "33000 Bordeaux", "13001 Marseille"])}` : ""}`,
    ],
    [
      2,
      () =>
        `${r.pick(["Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestr.", "Lindenallee", "Am Markt", "Berliner Straße", "Kirchweg", "Rosenweg", "Marktplatz"])} ${r.int(1, 120)}${r.pick(["", "", "a", "b"])}${r.chance(0.7) ? `, ${r.pick(["10115 Berlin", "80331 München", "20095 Hamburg", "50667 Köln", "60311 Frankfurt am Main"])}` : ""}`,
    ],
    [
      1,
      () =>
        `${r.pick(["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Carrer de Mallorca", "Paseo de Gracia"])} ${r.int(1, 250)}${r.chance(0.3) ? `, ${r.int(1, 8)}º ${r.pick(["A", "B", "C"])}` : ""}${r.chance(0.6) ? `, ${r.pick(["28013 Madrid", "08008 Barcelona", "41001 Sevilla", "46002 Valencia"])}` : ""}`,
    ],
    [
      1,
      () =>
        `${r.pick(["Via Roma", "Via Garibaldi", "Corso Italia", "Via dei Condotti", "Piazza Navona"])} ${r.int(1, 150)}${r.chance(0.6) ? `, ${r.pick(["00184 Roma", "20121 Milano", "50123 Firenze", "80132 Napoli"])}` : ""}`,
    ],
    [
      1,
      () =>
        `${r.pick(["Kalverstraat", "Prinsengracht", "Damrak", "Herengracht", "Coolsingel"])} ${r.int(1, 400)}${r.chance(0.6) ? `, ${r.int(1000, 3099)} ${r.pick(["AB", "PH", "KL", "RT"])} ${r.pick(["Amsterdam", "Rotterdam"])}` : ""}`,
    ],
    [
      1,
      () =>
        `${r.pick(["Rua Augusta", "Avenida Paulista", "Rua das Flores", "Avenida da Liberdade"])}, ${r.int(1, 2000)}${r.chance(0.5) ? ` - ${r.pick(["São Paulo", "Lisboa", "Porto", "Rio de Janeiro"])}` : ""}`,
    ],
    [
      1,
      () => `${r.pick(["Drottninggatan", "Storgatan", "Karl Johans gate", "Strøget", "Nørregade"])} ${r.int(1, 120)}`,
    ],
    [
      1,
      () =>
        r.pick([
          `P.O. Box ${r.int(1, 99999)}`,
          `PO Box ${r.int(1, 9999)}`,
          `P.O. Box ${r.int(100, 9999)}, ${r.pick(US_CITIES)[0]}`,
          `Postfach ${r.int(100, 999)} ${r.int(10, 99)}`,
        ]),
    ],
    [
      1,
      () =>
        `${r.int(1, 400)} ${r.pick(["baker", "main", "oak", "elm", "maple", "church"])} ${r.pick(["street", "avenue", "road", "lane", "st"])}`,
    ],
    [
      1,
      () =>
        `Flat ${r.int(101, 904)}, ${r.pick(["Sunshine Apartments", "Green Park Residency", "Lake View Towers"])}, ${r.pick(["MG Road", "Linking Road", "Park Street"])}, ${r.pick(["Bengaluru 560001", "Mumbai 400050", "Kolkata 700016"])}`,
    ],
  ]);
  return kind();
}

const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function calendarDate(r: Random, fromYear: number, toYear: number): CalendarDate {
  return { year: r.int(fromYear, toYear), month: r.int(1, 12), day: r.int(1, 28) };
}

export function formatDate(r: Random, { year, month, day }: CalendarDate, withYear = true): string {
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  const name = MONTHS_LONG[month - 1] as string;
  const short = name.slice(0, 3);
  const ordinal = `${day}${day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th"}`;
  if (!withYear) return r.pick([`${name} ${day}`, `${day} ${name}`, `${name} ${ordinal}`, `the ${ordinal} of ${name}`]);
  return r.weighted<string>([
    [3, `${year}-${mm}-${dd}`],
    [3, `${mm}/${dd}/${year}`],
    [3, `${dd}/${mm}/${year}`],
    [2, `${dd}.${mm}.${year}`],
    [3, `${name} ${day}, ${year}`],
    [3, `${day} ${name} ${year}`],
    [1, `${short} ${day} ${year}`],
    [1, `${ordinal} of ${name}, ${year}`],
    [1, `${dd}-${short}-${year}`],
    [1, `${month}/${day}/${String(year).slice(2)}`],
    [1, `${year}/${mm}/${dd}`],
    [1, `${short}. ${day}, ${year}`],
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Crypto

export function ethereumAddress(r: Random): string {
  const lower = `0x${hex(r.bytes(20))}`;
  return r.chance(0.65) ? getAddress(lower) : lower;
}

export function bitcoinAddress(r: Random): string {
  return r.weighted<() => string>([
    [3, () => base58CheckEncode(Uint8Array.from([0x00, ...r.bytes(20)]))],
    [2, () => base58CheckEncode(Uint8Array.from([0x05, ...r.bytes(20)]))],
    [3, () => segwitAddressEncode("bc", 0, r.bytes(20))],
    [1, () => segwitAddressEncode("bc", 0, r.bytes(32))],
    [2, () => segwitAddressEncode("bc", 1, r.bytes(32))],
    [1, () => segwitAddressEncode("tb", 0, r.bytes(20))],
  ])();
}

export function privateKey(r: Random): string {
  return r.weighted<() => string>([
    [3, () => `0x${hex(r.bytes(32))}`],
    [3, () => hex(r.bytes(32))],
    [2, () => base58CheckEncode(Uint8Array.from([0x80, ...r.bytes(32), 0x01]))],
    [1, () => base58CheckEncode(Uint8Array.from([0x80, ...r.bytes(32)]))],
    [
      1,
      () =>
        base58CheckEncode(
          Uint8Array.from([0x04, 0x88, 0xad, 0xe4, ...r.bytes(9), ...r.bytes(32), 0x00, ...r.bytes(32)]),
        ),
    ],
    [2, () => pemBlock(r)],
  ])();
}

export function pemBlock(r: Random): string {
  const label = r.pick([
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
  ]);
  const lines = Array.from({ length: r.int(3, 12) }, () => r.chars(BASE64, 64));
  lines.push(`${r.chars(BASE64, r.int(8, 60))}${r.pick(["", "=", "=="])}`);
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----`;
}

export function seedPhrase(r: Random): string {
  const words = r.pick([12, 12, 12, 24, 24, 15, 18]);
  const entropyBits = (words * 11 * 32) / 33;
  const entropy = r.bytes(entropyBits / 8);
  const checksum = createHash("sha256").update(entropy).digest();
  let bits = "";
  for (const byte of entropy) bits += byte.toString(2).padStart(8, "0");
  bits += (checksum[0] as number)
    .toString(2)
    .padStart(8, "0")
    .slice(0, entropyBits / 32);
  const list = Array.from(
    { length: words },
    (_, i) => english[Number.parseInt(bits.slice(i * 11, i * 11 + 11), 2)] as string,
  );
  return r.weighted<string>([
    [6, list.join(" ")],
    [1, list.join(", ")],
    [1, list.map((word, i) => `${i + 1}. ${word}`).join(" ")],
    [1, list.join("\n")],
    [1, list.map((word, i) => `${i + 1}) ${word}`).join("\n")],
    [1, `${list[0]?.replace(/^./, (c) => c.toUpperCase())} ${list.slice(1).join(" ")}`],
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets

export function apiKey(r: Random): string {
  return r.weighted<() => string>([
    [2, () => `sk-proj-${r.chars(BASE64URL, 48)}`],
    [1, () => `sk-${r.chars(ALNUM, 48)}`],
    [1, () => `sk-ant-api03-${r.chars(BASE64URL, 93)}AA`],
    [2, () => `ghp_${r.chars(ALNUM, 36)}`],
    [1, () => `github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`],
    [1, () => `glpat-${r.chars(BASE64URL, 20)}`],
    [1, () => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(ALNUM, 24)}`],
    [2, () => `AKIA${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`],
    [1, () => `AIza${r.chars(BASE64URL, 35)}`],
    [2, () => `sk_live_${r.chars(ALNUM, 24)}`],
    [1, () => `rk_test_${r.chars(ALNUM, 24)}`],
    [1, () => `SG.${r.chars(BASE64URL, 22)}.${r.chars(BASE64URL, 43)}`],
    [1, () => `npm_${r.chars(ALNUM, 36)}`],
    [1, () => `hf_${r.chars(ALNUM, 34)}`],
    [2, () => jwt(r)],
  ])();
}

export function jwt(r: Random): string {
  const header = Buffer.from(JSON.stringify({ alg: r.pick(["HS256", "RS256"]), typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(
    JSON.stringify({ sub: r.digits(10), name: "x", iat: 1_700_000_000 + r.int(0, 9_999_999) }),
  ).toString("base64url");
  return `${header}.${payload}.${r.chars(BASE64URL, 43)}`;
}

export function password(r: Random): string {
  return r.weighted<() => string>([
    [
      2,
      () =>
        `${r.pick(["Summer", "Winter", "Sunshine", "Dragon", "Monkey", "Football", "Chelsea", "Liverpool"])}${r.int(1990, 2025)}${r.pick(["!", "#", "", "$"])}`,
    ],
    [2, () => r.chars(`${ALNUM}!@#$%^&*`, r.int(10, 18))],
    [
      1,
      () =>
        `${r.pick(["correct", "purple", "silent", "brave"])}-${r.pick(["horse", "monkey", "river", "tiger"])}-${r.pick(["battery", "staple", "cloud", "lamp"])}-${r.int(1, 99)}`,
    ],
    [1, () => `P@ssw0rd${r.int(1, 999)}`],
    [1, () => `${r.pick(["hunter", "qwerty", "letmein", "iloveyou", "trustno"])}${r.int(1, 9999)}`],
    [1, () => `Tr0ub4dor&${r.int(1, 9)}`],
  ])();
}

export function randomToken(r: Random): string {
  return r.chars(ALNUM, r.pick([24, 32, 40]));
}

export { ALNUM, BASE64, HEX };
