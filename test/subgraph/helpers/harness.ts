// Compiles subgraph/tests/harness.ts (the pure logic of subgraph/src/logic/) with the AssemblyScript compiler that
// `graph build` uses, with the same flags, and wraps its exports in a typed API.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { instantiate } from "assemblyscript/lib/loader";
import { ROOT } from "./paths.js";

const GRAPH_CLI_DIR = path.join(ROOT, "node_modules", "@graphprotocol", "graph-cli");

/** The assemblyscript package graph-cli compiles mappings with: where Node resolves it from graph-cli's folder. */
export function graphCliCompilerDir(): string {
  const nested = path.join(GRAPH_CLI_DIR, "node_modules", "assemblyscript");
  return existsSync(nested) ? nested : path.join(ROOT, "node_modules", "assemblyscript");
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** The AssemblyScript version graph-cli depends on, and the one the harness is compiled with. */
export function compilerVersions(): { graphCliWants: string; used: string } {
  const cli = readJson<{ dependencies: Record<string, string> }>(path.join(GRAPH_CLI_DIR, "package.json"));
  const used = readJson<{ version: string }>(path.join(graphCliCompilerDir(), "package.json"));
  return { graphCliWants: cli.dependencies.assemblyscript ?? "", used: used.version };
}

/** graph-cli's compiler flags (graph-cli/dist/compiler/asc.js), without the graph-ts globals the pure logic does not use. */
const ASC_FLAGS = ["--explicitStart", "--exportRuntime", "--runtime", "stub", "--optimize", "--debug"];

export function compileHarness(): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "subgraph-harness-")), "harness.wasm");
  const asc = path.join(graphCliCompilerDir(), "bin", "asc");
  const result = spawnSync(process.execPath, [asc, "subgraph/tests/harness.ts", ...ASC_FLAGS, "--outFile", out], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`asc failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

export interface DecodedPolicy {
  minVotingPower: string;
  quotaPeriod: string;
  requestQuota: string;
  tokenQuota: string;
  maxInputTokens: string;
  maxOutputTokens: string;
  allowedModels: string[];
  redactCategories: number;
  scanAnswers: boolean;
  restoreOriginals: boolean;
  promptInjection: string;
  retentionSeconds: string;
  contentHash: string;
  textUri: string;
}

export interface DecodedAction {
  kind: string;
  selector: string;
  signature: string | null;
  decoded: boolean;
  summary: string;
  modelId: string | null;
  version: string | null;
  hash: string | null;
  task: string | null;
  uri: string | null;
  license: string | null;
  metadataHash: string | null;
  reason: string | null;
  policyVersion: string | null;
  account: string | null;
  amount: string | null;
  role: string | null;
  policy: DecodedPolicy | null;
}

export interface KnownFunction {
  contract: string;
  selector: string;
  signature: string;
  kind: string;
}

export interface LiveStateInput {
  stored: string;
  now: bigint;
  voteStart: bigint;
  voteEnd: bigint;
  quorumReached: boolean;
  voteSucceeded: boolean;
  eta: bigint;
  executionGracePeriod: bigint;
}

export interface Harness {
  decodeAction(contract: string, calldata: string, target?: string, value?: bigint): DecodedAction;
  knownFunctions(): KnownFunction[];
  operationBatch(targets: string[], values: string[], payloads: string[], predecessor: string, salt: string): string;
  stringPair(a: string, b: string): string;
  timelockSalt(governor: string, descriptionHash: string): string;
  uint256Word(littleEndianHex: string): string;
  wordToDecimal(word: string): string;
  roundTripHex(hex: string): string;
  roleName(role: string): string;
  nextState(current: string, event: string): string;
  liveState(input: LiveStateInput): string;
  voteSupport(support: number): string;
  hasProposalExecutedLog(
    logs: { address: string; topic0: string; data: string }[],
    governor: string,
    proposalIdWord: string,
  ): boolean;
  title(description: string): string;
  sanitize(value: string): string;
  delegatorCountDelta(fromIsZero: boolean, toIsZero: boolean): number;
  delegateCountDelta(previousIsZero: boolean, newIsZero: boolean): number;
  isServable(status: string): boolean;
}

type Ptr = number;
interface HarnessExports {
  _start(): void;
  __newString(value: string): Ptr;
  __getString(pointer: Ptr): string;
  decodeActionJson(contract: Ptr, calldata: Ptr, target: Ptr, value: Ptr): Ptr;
  knownFunctionsJson(): Ptr;
  operationBatchHex(targets: Ptr, values: Ptr, payloads: Ptr, predecessor: Ptr, salt: Ptr): Ptr;
  stringPairHex(a: Ptr, b: Ptr): Ptr;
  timelockSaltHex(governor: Ptr, descriptionHash: Ptr): Ptr;
  uint256WordHex(littleEndian: Ptr): Ptr;
  wordToDecimalHex(word: Ptr): Ptr;
  roundTripHex(hex: Ptr): Ptr;
  roleNameHex(role: Ptr): Ptr;
  nextState(current: Ptr, event: Ptr): Ptr;
  stateAt(
    stored: Ptr,
    now: bigint,
    voteStart: bigint,
    voteEnd: bigint,
    quorumReached: number,
    voteSucceeded: number,
    eta: bigint,
    executionGracePeriod: bigint,
  ): Ptr;
  voteSupportOf(support: number): Ptr;
  proposalExecutedIn(addresses: Ptr, topics: Ptr, data: Ptr, governor: Ptr, proposalId: Ptr): number;
  title(description: Ptr): Ptr;
  clean(value: Ptr): Ptr;
  delegatorDelta(fromIsZero: number, toIsZero: number): number;
  delegateDelta(previousIsZero: number, newIsZero: number): number;
  servable(status: Ptr): number;
}

export async function loadHarness(wasmFile: string = compileHarness()): Promise<Harness> {
  const { exports: raw } = await instantiate(readFileSync(wasmFile), {
    env: {
      abort(message: number, file: number, line: number, column: number) {
        throw new Error(`AssemblyScript abort at ${line}:${column} (${message}, ${file})`);
      },
    },
  });
  const x = raw as unknown as HarnessExports;
  x._start();
  const s = (value: string): Ptr => x.__newString(value);
  const str = (pointer: Ptr): string => x.__getString(pointer);
  const flag = (value: boolean): number => (value ? 1 : 0);
  return {
    decodeAction: (contract, calldata, target = "0x0000000000000000000000000000000000000001", value = 0n) =>
      JSON.parse(str(x.decodeActionJson(s(contract), s(calldata), s(target), s(value.toString())))) as DecodedAction,
    knownFunctions: () => JSON.parse(str(x.knownFunctionsJson())) as KnownFunction[],
    operationBatch: (targets, values, payloads, predecessor, salt) =>
      str(
        x.operationBatchHex(s(targets.join(",")), s(values.join(",")), s(payloads.join(",")), s(predecessor), s(salt)),
      ),
    stringPair: (a, b) => str(x.stringPairHex(s(a), s(b))),
    timelockSalt: (governor, descriptionHash) => str(x.timelockSaltHex(s(governor), s(descriptionHash))),
    uint256Word: (hex) => str(x.uint256WordHex(s(hex))),
    wordToDecimal: (word) => str(x.wordToDecimalHex(s(word))),
    roundTripHex: (hex) => str(x.roundTripHex(s(hex))),
    roleName: (role) => str(x.roleNameHex(s(role))),
    nextState: (current, event) => str(x.nextState(s(current), s(event))),
    liveState: (i) =>
      str(
        x.stateAt(
          s(i.stored),
          i.now,
          i.voteStart,
          i.voteEnd,
          flag(i.quorumReached),
          flag(i.voteSucceeded),
          i.eta,
          i.executionGracePeriod,
        ),
      ),
    voteSupport: (support) => str(x.voteSupportOf(support)),
    hasProposalExecutedLog: (logs, governor, proposalIdWord) =>
      x.proposalExecutedIn(
        s(logs.map((l) => l.address).join(",")),
        s(logs.map((l) => l.topic0).join(",")),
        s(logs.map((l) => l.data).join(",")),
        s(governor),
        s(proposalIdWord),
      ) === 1,
    title: (description) => str(x.title(s(description))),
    sanitize: (value) => str(x.clean(s(value))),
    delegatorCountDelta: (fromIsZero, toIsZero) => x.delegatorDelta(flag(fromIsZero), flag(toIsZero)),
    delegateCountDelta: (previousIsZero, newIsZero) => x.delegateDelta(flag(previousIsZero), flag(newIsZero)),
    isServable: (status) => x.servable(s(status)) === 1,
  };
}
