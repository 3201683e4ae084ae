// The personal-data categories of the usage policy, as UsagePolicyRegistry numbers them (its `CATEGORY_*`
// constants): a policy's `redactCategories` is a bitmask of these bits. Names and bits must match the contract; a
// test reads them from contracts/UsagePolicyRegistry.sol and the compiled ABI.
import { PrivacyError } from "./errors.js";

/** Bit of each category in a policy's `redactCategories` (UsagePolicyRegistry `CATEGORY_<NAME>`). */
export const CATEGORY_BITS = {
  EMAIL: 1 << 0,
  PHONE: 1 << 1,
  PAYMENT_CARD: 1 << 2,
  IBAN: 1 << 3,
  US_SSN: 1 << 4,
  IP_ADDRESS: 1 << 5,
  STREET_ADDRESS: 1 << 6,
  DATE_OF_BIRTH: 1 << 7,
  PERSON_NAME: 1 << 8,
  CRYPTO_ADDRESS: 1 << 9,
  PRIVATE_KEY: 1 << 10,
  SEED_PHRASE: 1 << 11,
  SECRET: 1 << 12,
} as const;

/** A personal-data category; also the label of its placeholders (`[EMAIL_1]`). */
export type Category = keyof typeof CATEGORY_BITS;

/** Every category, in bit order. */
export const CATEGORIES = Object.keys(CATEGORY_BITS) as readonly Category[];

/** The mask with every category (UsagePolicyRegistry `ALL_CATEGORIES`). */
export const ALL_CATEGORIES = (1 << CATEGORIES.length) - 1;

/** Which categories to redact: a policy bitmask, or a list of names. */
export type CategorySelection = number | readonly Category[];

/**
 * The categories of a selection, in bit order.
 * @throws {PrivacyError} `unknown-categories` when the mask has bits outside {@link ALL_CATEGORIES} or a name is not a
 * category (the contract rejects such masks too).
 */
export function categoriesOf(selection: CategorySelection): Category[] {
  if (typeof selection === "number") {
    if (!Number.isInteger(selection) || selection < 0 || (selection & ~ALL_CATEGORIES) !== 0) {
      throw new PrivacyError("unknown-categories", `Category mask ${selection} has bits outside ${ALL_CATEGORIES}`);
    }
    return CATEGORIES.filter((category) => (selection & CATEGORY_BITS[category]) !== 0);
  }
  const unknown = selection.filter((name) => !Object.hasOwn(CATEGORY_BITS, name));
  if (unknown.length > 0) {
    throw new PrivacyError(
      "unknown-categories",
      `Unknown categories ${unknown.join(", ")}; the categories are ${CATEGORIES.join(", ")}`,
    );
  }
  return CATEGORIES.filter((category) => selection.includes(category));
}

/** The policy bitmask of a list of categories. */
export function maskOf(categories: readonly Category[]): number {
  return categoriesOf(categories).reduce((mask, category) => mask | CATEGORY_BITS[category], 0);
}
