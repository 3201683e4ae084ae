// Line and branch coverage of contracts/ from a `hardhat test --coverage` run, checked against a threshold.
//
//   tsx scripts/contract-coverage.ts [--min 95]
//
// Hardhat 3 measures statement and line coverage (coverage/lcov.info) but does not report branches yet (its lcov
// writer has the branch lines commented out: "EDR does not provide branch coverage information"). We derive branch
// coverage from the same data, conservatively:
//   - every `if` has two branches; ternaries count as two branches that are never proven taken (we have none);
//   - the true branch is taken when the first statement of its body ran;
//   - the false branch is taken when the else body ran, or when the `if` ran more often than its body, or when the
//     body always leaves the block (revert, return, break, continue) and the statement after the `if` ran.
// A branch we cannot prove taken counts as not taken, so the figure can only be lower than the truth.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addStatementCoverageInstrumentation } from "@nomicfoundation/edr";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOLC_VERSION = (require("solc/package.json") as { version: string }).version;

/** Files that are not product code: test doubles. */
const EXCLUDED = [/^contracts\/mocks\//];

interface AstNode {
  nodeType: string;
  src: string;
  [key: string]: unknown;
}

interface Branch {
  line: number;
  kind: "if-true" | "if-false" | "ternary";
  taken: boolean;
}

export interface FileCoverage {
  file: string;
  linesFound: number;
  linesHit: number;
  branches: Branch[];
}

function listSolidityFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listSolidityFiles(full);
    return entry.endsWith(".sol") ? [full] : [];
  });
}

function readTagCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const dataDir = path.join(root, "coverage", "data");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith(".json")) {
        const data = JSON.parse(readFileSync(full, "utf8")) as Record<string, number>;
        for (const [tag, n] of Object.entries(data)) counts.set(tag, (counts.get(tag) ?? 0) + n);
      }
    }
  };
  walk(dataDir);
  return counts;
}

function readLcovLines(): Map<string, { found: number; hit: number }> {
  const lines = new Map<string, { found: number; hit: number }>();
  let current = "";
  for (const line of readFileSync(path.join(root, "coverage", "lcov.info"), "utf8").split("\n")) {
    if (line.startsWith("SF:")) current = line.slice(3);
    else if (line.startsWith("DA:")) {
      const entry = lines.get(current) ?? { found: 0, hit: 0 };
      entry.found += 1;
      if (Number(line.split(",")[1]) > 0) entry.hit += 1;
      lines.set(current, entry);
    }
  }
  return lines;
}

function parseAst(file: string, content: string): AstNode {
  const solc = require("solc") as { compile(input: string): string };
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { [file]: { content } },
        settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
      }),
    ),
  ) as { sources?: Record<string, { ast: AstNode }>; errors?: { severity: string; formattedMessage: string }[] };
  const ast = output.sources?.[file]?.ast;
  if (!ast) throw new Error(`solc ${SOLC_VERSION} could not parse ${file}: ${JSON.stringify(output.errors)}`);
  return ast;
}

/** Statement tags by the offset where the statement's text starts (leading whitespace skipped). */
function statementTags(file: string, content: string): Map<number, string[]> {
  // Hardhat names project files `project/<path>` in compilation jobs, and the tags depend on that name.
  const { metadata } = addStatementCoverageInstrumentation(content, `project/${file}`, SOLC_VERSION);
  const byStart = new Map<number, string[]>();
  for (const m of metadata) {
    if (m.kind !== "statement") continue;
    let start = m.startUtf16;
    while (start < m.endUtf16 && /\s/.test(content[start] ?? "")) start++;
    const tags = byStart.get(start) ?? [];
    tags.push(Buffer.from(m.tag).toString("hex"));
    byStart.set(start, tags);
  }
  return byStart;
}

function start(node: AstNode): number {
  return Number(node.src.split(":")[0]);
}

const LEAVES_BLOCK = new Set(["Return", "RevertStatement", "Break", "Continue"]);

function alwaysLeaves(node: AstNode): boolean {
  if (LEAVES_BLOCK.has(node.nodeType)) return true;
  if (node.nodeType === "Block" || node.nodeType === "UncheckedBlock") {
    const statements = node.statements as AstNode[];
    const last = statements[statements.length - 1];
    return last !== undefined && alwaysLeaves(last);
  }
  if (node.nodeType === "IfStatement") {
    const falseBody = (node.falseBody as AstNode | undefined) ?? null;
    return falseBody !== null && alwaysLeaves(node.trueBody as AstNode) && alwaysLeaves(falseBody);
  }
  return false;
}

export function fileCoverage(file: string, tagCounts: Map<string, number>): Branch[] {
  const content = readFileSync(path.join(root, file), "utf8");
  if (Buffer.byteLength(content) !== content.length) {
    throw new Error(`${file} has non-ASCII characters: solc byte offsets and UTF-16 offsets would differ`);
  }
  const ast = parseAst(file, content);
  const tags = statementTags(file, content);
  const lineOf = (offset: number) => content.slice(0, offset).split("\n").length;
  const count = (node: AstNode | undefined): number => {
    if (!node) return 0;
    const nodeTags = tags.get(start(node));
    if (nodeTags) return Math.max(...nodeTags.map((t) => tagCounts.get(t) ?? 0));
    // A block without a tag of its own: its first statement stands for it.
    const statements = node.statements as AstNode[] | undefined;
    return statements?.[0] ? count(statements[0]) : 0;
  };

  const branches: Branch[] = [];
  const visit = (node: unknown, next: AstNode | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, (node[i + 1] as AstNode | undefined) ?? next);
      });
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as AstNode;
    if (n.nodeType === "IfStatement") {
      const trueBody = n.trueBody as AstNode;
      const falseBody = (n.falseBody as AstNode | undefined) ?? null;
      const line = lineOf(start(n));
      branches.push({ line, kind: "if-true", taken: count(trueBody) > 0 });
      const falseTaken = falseBody
        ? count(falseBody) > 0
        : count(n) > count(trueBody) || (alwaysLeaves(trueBody) && count(next) > 0);
      branches.push({ line, kind: "if-false", taken: falseTaken });
    }
    if (n.nodeType === "Conditional") {
      const line = lineOf(start(n));
      branches.push({ line, kind: "ternary", taken: false }, { line, kind: "ternary", taken: false });
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === "src" || key === "nodeType") continue;
      // Within a block, the statement after each one is its "next"; elsewhere "next" passes through unchanged.
      visit(value, key === "statements" ? undefined : next);
    }
  };
  visit(ast, undefined);
  return branches;
}

export function contractCoverage(): FileCoverage[] {
  const tagCounts = readTagCounts();
  const lcov = readLcovLines();
  return listSolidityFiles(path.join(root, "contracts"))
    .map((full) => path.relative(root, full).split(path.sep).join("/"))
    .filter((file) => !EXCLUDED.some((re) => re.test(file)))
    .sort()
    .map((file) => {
      const lines = lcov.get(file) ?? { found: 0, hit: 0 };
      return { file, linesFound: lines.found, linesHit: lines.hit, branches: fileCoverage(file, tagCounts) };
    });
}

const percent = (hit: number, found: number) => (found === 0 ? 100 : (100 * hit) / found);

/** Prints the table and returns whether lines and branches both reach `min` percent. */
export function reportContractCoverage(min: number): boolean {
  const files = contractCoverage();
  const rows = files.map((f) => {
    const taken = f.branches.filter((b) => b.taken).length;
    const missed = f.branches.filter((b) => !b.taken).map((b) => `${b.line}:${b.kind.replace("if-", "")}`);
    return [
      f.file,
      percent(f.linesHit, f.linesFound).toFixed(2),
      `${percent(taken, f.branches.length).toFixed(2)} (${taken}/${f.branches.length})`,
      missed.join(" "),
    ];
  });
  const linesFound = files.reduce((s, f) => s + f.linesFound, 0);
  const linesHit = files.reduce((s, f) => s + f.linesHit, 0);
  const branchesFound = files.reduce((s, f) => s + f.branches.length, 0);
  const branchesTaken = files.reduce((s, f) => s + f.branches.filter((b) => b.taken).length, 0);
  const linePct = percent(linesHit, linesFound);
  const branchPct = percent(branchesTaken, branchesFound);
  rows.push(["Total", linePct.toFixed(2), `${branchPct.toFixed(2)} (${branchesTaken}/${branchesFound})`, ""]);

  const header = ["File", "Lines %", "Branches % (taken/found)", "Branches not taken (line:branch)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const format = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log("\nCoverage of contracts/ (mocks excluded)");
  console.log(format(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(format(row));
  const ok = linePct >= min && branchPct >= min;
  console.log(
    `coverage: lines ${linePct.toFixed(2)}%, branches ${branchPct.toFixed(2)}% (required: ${min}% each) -> ${ok ? "ok" : "TOO LOW"}`,
  );
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const minFlag = process.argv.indexOf("--min");
  const min = minFlag >= 0 ? Number(process.argv[minFlag + 1]) : 95;
  process.exit(reportContractCoverage(min) ? 0 : 1);
}
