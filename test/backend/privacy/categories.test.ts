// The categories and the prompt-injection actions of the library are the contract's: names and bits read from
// contracts/UsagePolicyRegistry.sol, names checked against the compiled ABI.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import {
  ALL_CATEGORIES,
  CATEGORIES,
  CATEGORY_BITS,
  categoriesOf,
  maskOf,
  PROMPT_INJECTION_ACTIONS,
  PrivacyError,
} from "../../../backend/src/privacy/index.js";
import { usagePolicyRegistryAbi } from "../../../generated/contracts.js";

const source = readFileSync(path.join(process.cwd(), "contracts", "UsagePolicyRegistry.sol"), "utf8");

describe("categories", () => {
  it("have the names and bits of the contract's CATEGORY_* constants, in order", () => {
    const constants = [...source.matchAll(/uint32 public constant CATEGORY_(\w+) = 1 << (\d+);/g)].map(
      ([, name, shift]) => [name, 1 << Number(shift)] as const,
    );
    expect(constants.length).toBe(13);
    expect(Object.entries(CATEGORY_BITS)).toEqual(constants);
    expect(source).toContain(`uint32 public constant ALL_CATEGORIES = (1 << ${CATEGORIES.length}) - 1;`);
    expect(ALL_CATEGORIES).toBe(0x1fff);
  });

  it("are exactly the CATEGORY_* functions of the compiled ABI", () => {
    const abiNames = usagePolicyRegistryAbi
      .filter((item) => item.type === "function" && item.name.startsWith("CATEGORY_"))
      .map((item) => (item as { name: string }).name.slice("CATEGORY_".length))
      .sort();
    expect(abiNames).toEqual([...CATEGORIES].sort());
    expect(usagePolicyRegistryAbi.some((item) => item.type === "function" && item.name === "ALL_CATEGORIES")).toBe(
      true,
    );
  });

  it("convert between masks and names", () => {
    expect(categoriesOf(CATEGORY_BITS.EMAIL | CATEGORY_BITS.SECRET)).toEqual(["EMAIL", "SECRET"]);
    expect(categoriesOf(0)).toEqual([]);
    expect(categoriesOf(ALL_CATEGORIES)).toEqual(CATEGORIES);
    expect(maskOf(["SECRET", "EMAIL"])).toBe(CATEGORY_BITS.EMAIL | CATEGORY_BITS.SECRET);
  });

  it("reject masks the contract rejects and unknown names, listing the valid choices", () => {
    expect(() => categoriesOf(1 << 13)).toThrow(PrivacyError);
    expect(() => categoriesOf(-1)).toThrow(/unknown-categories/);
    expect(() => categoriesOf(["EMAIL", "PASSPORT" as never])).toThrow(/PASSPORT.*EMAIL, PHONE/s);
  });
});

describe("prompt-injection actions", () => {
  it("follow the contract's PromptInjectionAction enum", () => {
    const body = /enum PromptInjectionAction \{([^}]*)\}/.exec(source)?.[1] ?? "";
    const names = body
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    expect(names).toEqual([...PROMPT_INJECTION_ACTIONS]);
  });
});
