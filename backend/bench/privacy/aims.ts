// The aims of issue 5 for the privacy guards, per category: recall at least 0.98 on structured values, 0.9 on
// names, addresses and dates of birth; precision at least 0.95 everywhere.
import type { Category } from "../../src/privacy/categories.js";

export const RECALL_AIMS: Readonly<Record<Category, number>> = {
  EMAIL: 0.98,
  PHONE: 0.98,
  PAYMENT_CARD: 0.98,
  IBAN: 0.98,
  US_SSN: 0.98,
  IP_ADDRESS: 0.98,
  STREET_ADDRESS: 0.9,
  DATE_OF_BIRTH: 0.9,
  PERSON_NAME: 0.9,
  CRYPTO_ADDRESS: 0.98,
  PRIVATE_KEY: 0.98,
  SEED_PHRASE: 0.98,
  SECRET: 0.98,
};

export const PRECISION_AIM = 0.95;
