import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SUBGRAPH_DIR = path.join(ROOT, "subgraph");
export const ABIS_DIR = path.join(ROOT, "generated", "abis");
