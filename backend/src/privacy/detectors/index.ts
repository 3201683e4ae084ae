// Every detector, by category.
import type { Category } from "../categories.js";
import { cryptoAddressDetector } from "./crypto-address.js";
import { dateOfBirthDetector } from "./date-of-birth.js";
import type { Detector } from "./detection.js";
import { emailDetector } from "./email.js";
import { ibanDetector } from "./iban.js";
import { ipAddressDetector } from "./ip-address.js";
import { paymentCardDetector } from "./payment-card.js";
import { personNameDetector } from "./person-name.js";
import { phoneDetector } from "./phone.js";
import { privateKeyDetector } from "./private-key.js";
import { secretDetector } from "./secret.js";
import { seedPhraseDetector } from "./seed-phrase.js";
import { streetAddressDetector } from "./street-address.js";
import { usSsnDetector } from "./us-ssn.js";

/** The detector of each category. */
export const DETECTORS: Readonly<Record<Category, Detector>> = {
  EMAIL: emailDetector,
  PHONE: phoneDetector,
  PAYMENT_CARD: paymentCardDetector,
  IBAN: ibanDetector,
  US_SSN: usSsnDetector,
  IP_ADDRESS: ipAddressDetector,
  STREET_ADDRESS: streetAddressDetector,
  DATE_OF_BIRTH: dateOfBirthDetector,
  PERSON_NAME: personNameDetector,
  CRYPTO_ADDRESS: cryptoAddressDetector,
  PRIVATE_KEY: privateKeyDetector,
  SEED_PHRASE: seedPhraseDetector,
  SECRET: secretDetector,
};
