// A split about person names: chat messages filled from templates with names, places, organisations and products of
// the split's own. The fresh split (fresh-split.ts) and the name split (name-split.ts) are two of them; each keeps
// its words apart from the detectors' lexicons' sources and from the other splits.
import type { Category } from "../../src/privacy/categories.js";
import { fillTemplate, type LabelledMessage } from "./corpus.js";
import { email, phone, Random } from "./values.js";

/** What a name split is made of. Slots in templates: {NAME} {FIRST} {SURNAME} {LNAME} {NAME2} {FIRST2} {EMAIL}
 * {PHONE} (labelled), {PLACE} {ORG} {PRODUCT} {DAY} {MONTH} (not). */
export interface NameSplitSpec {
  /** Given names and surnames by culture (the same keys in both). */
  readonly given: Readonly<Record<string, readonly string[]>>;
  readonly surnames: Readonly<Record<string, readonly string[]>>;
  readonly places: readonly string[];
  readonly orgs: readonly string[];
  readonly products: readonly string[];
  readonly days: readonly string[];
  readonly months: readonly string[];
  /** Templates of messages with names, and of messages without personal data. */
  readonly positives: readonly string[];
  readonly negatives: readonly string[];
}

interface SplitPerson {
  readonly given: string;
  readonly surname: string;
  readonly full: string;
}

/** Slots that hold personal data, and their category. */
const SLOTS: Readonly<Record<string, Category>> = {
  NAME: "PERSON_NAME",
  FIRST: "PERSON_NAME",
  SURNAME: "PERSON_NAME",
  LNAME: "PERSON_NAME",
  NAME2: "PERSON_NAME",
  FIRST2: "PERSON_NAME",
  EMAIL: "EMAIL",
  PHONE: "PHONE",
};

function person(spec: NameSplitSpec, r: Random): SplitPerson {
  const culture = r.pick(Object.keys(spec.given));
  const given = r.pick(spec.given[culture] ?? []);
  const surname = r.pick(spec.surnames[culture] ?? []);
  return { given, surname, full: `${given} ${surname}` };
}

/** Fills a template: personal-data slots are labelled. */
function fill(spec: NameSplitSpec, template: string, r: Random): LabelledMessage {
  const one = person(spec, r);
  const other = person(spec, r);
  return fillTemplate(template, (slot) => ({ value: slotValue(spec, slot, one, other, r), category: SLOTS[slot] }));
}

function slotValue(spec: NameSplitSpec, slot: string, one: SplitPerson, other: SplitPerson, r: Random): string {
  switch (slot) {
    case "NAME":
      return one.full;
    case "FIRST":
      return one.given;
    case "SURNAME":
      return one.surname;
    case "LNAME":
      return (r.chance(0.5) ? one.given : one.full).toLowerCase();
    case "NAME2":
      return other.full;
    case "FIRST2":
      return other.given;
    case "EMAIL":
      return email(r, one);
    case "PHONE":
      return phone(r);
    case "PLACE":
      return r.pick(spec.places);
    case "ORG":
      return r.pick(spec.orgs);
    case "PRODUCT":
      return r.pick(spec.products);
    case "DAY":
      return r.pick(spec.days);
    case "MONTH":
      return r.pick(spec.months);
    default:
      throw new Error(`unknown slot ${slot}`);
  }
}

/** A split of a seed: `positives` messages with names, then `negatives` without personal data. */
export function generateNameSplit(
  spec: NameSplitSpec,
  seed: number,
  positives: number,
  negatives: number,
): LabelledMessage[] {
  const r = new Random(seed);
  const messages: LabelledMessage[] = [];
  for (let i = 0; i < positives; i++) messages.push(fill(spec, r.pick(spec.positives), r));
  for (let i = 0; i < negatives; i++) messages.push(fill(spec, r.pick(spec.negatives), r));
  return messages;
}
