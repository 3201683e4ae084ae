// The receipts CLI: `npm run receipts -- <command>`.
//
//   verify <file.json | -> [--rpc-url URL] [--chain-id N] [--trust 0xSigner]... [--json]
//
// Exit codes: 0 the receipt is valid, 1 it is not (each check says why) or the chain could not be read, 2 bad usage.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Address, createPublicClient, http, type PublicClient, webSocket } from "viem";
import { type Deployment, DeploymentFileError, readDeployment } from "../../../deployments/index.js";
import { parseSignerList } from "./receipts-config.js";
import { RECEIPT_CHECKS, type ReceiptCheckName, verifyReceipt } from "./verify-receipt.js";

const USAGE = `usage: npm run receipts -- verify <file.json | -> [options]
  Checks an inference receipt against the chain: its signature by a trusted server key, that the model version
  (with exactly that weightsHash) was approved and the usage policy active when it was issued.
  --rpc-url URL       JSON-RPC endpoint (default RPC_URL, or http://127.0.0.1:8545)
  --chain-id N        the deployment to check against, deployments/<N>.json (default CHAIN_ID, or 31337;
                      COMMONS_DEPLOYMENTS_DIR moves the folder)
  --trust 0xSigner    a server address whose receipts are accepted; repeatable
                      (default RECEIPT_TRUSTED_SIGNERS, comma-separated)
  --json              print the verification as JSON
  Exit codes: 0 valid, 1 invalid (or the chain could not be read), 2 bad usage.`;

export class UsageError extends Error {}

const LABELS: Record<ReceiptCheckName, string> = {
  format: "format",
  deployment: "deployment",
  signature: "signature",
  trustedSigner: "trusted signer",
  modelVersion: "model version",
  policy: "usage policy",
  issuedAt: "issued at",
};

const MARKS = { passed: "✓", failed: "✗", skipped: "-" } as const;

export interface CliIo {
  out: (line: string) => void;
  /** The whole of standard input, for `-`. */
  stdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        "rpc-url": { type: "string" },
        "chain-id": { type: "string" },
        trust: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

interface VerifyCommand {
  source: string;
  rpcUrl: string;
  deployment: Deployment;
  trustedSigners: Address[];
  json: boolean;
}

function verifyCommand(args: string[], env: CliIo["env"]): VerifyCommand {
  const { values, positionals } = parseOptions(args);
  const [source, ...extra] = positionals;
  if (!source) throw new UsageError("verify needs a receipt file, or - to read it from standard input");
  if (extra.length > 0) throw new UsageError(`verify takes one receipt, got also ${extra.join(" ")}`);
  const rpcUrl = values["rpc-url"] ?? (env.RPC_URL || "http://127.0.0.1:8545");
  if (!/^(https?|wss?):\/\/./.test(rpcUrl)) {
    throw new UsageError(`--rpc-url ${rpcUrl} must be an http(s) or ws(s) URL, e.g. http://127.0.0.1:8545`);
  }
  const chainIdText = values["chain-id"] ?? (env.CHAIN_ID || "31337");
  const chainId = Number(chainIdText);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new UsageError(`--chain-id ${chainIdText} must be a positive integer, e.g. 31337`);
  }
  const problems: string[] = [];
  const trustedSigners = values.trust
    ? parseSignerList(values.trust.join(","), "--trust", problems)
    : parseSignerList(env.RECEIPT_TRUSTED_SIGNERS, "RECEIPT_TRUSTED_SIGNERS", problems);
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
  if (trustedSigners.length === 0) {
    throw new UsageError("no trusted signers: pass --trust 0x<server address> or set RECEIPT_TRUSTED_SIGNERS");
  }
  let deployment: Deployment;
  try {
    deployment = readDeployment(chainId);
  } catch (error) {
    if (error instanceof DeploymentFileError) throw new UsageError(error.message);
    throw error;
  }
  return { source, rpcUrl, deployment, trustedSigners, json: values.json };
}

async function verify(command: VerifyCommand, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = command.source === "-" ? await io.stdin() : await readFile(command.source, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${command.source}: ${(error as Error).message}`);
  }
  const client: PublicClient = createPublicClient({
    transport: command.rpcUrl.startsWith("ws") ? webSocket(command.rpcUrl) : http(command.rpcUrl, { retryCount: 0 }),
  });
  const result = await verifyReceipt(text, {
    client,
    deployment: command.deployment,
    trustedSigners: command.trustedSigners,
  });
  if (command.json) {
    io.out(JSON.stringify(result, null, 2));
    return result.valid ? 0 : 1;
  }
  const r = result.receipt;
  const name = command.source === "-" ? "standard input" : command.source;
  io.out(
    r
      ? `Receipt ${name}: ${r.modelId} ${r.modelVersion}, usage policy ${r.policyVersion}, signed by ${r.signer}`
      : `Receipt ${name}`,
  );
  const width = Math.max(...Object.values(LABELS).map((label) => label.length));
  for (const check of RECEIPT_CHECKS) {
    const { status, detail } = result.checks[check];
    io.out(`  ${MARKS[status]} ${LABELS[check].padEnd(width)}  ${detail}`);
  }
  const count = result.problems.length;
  io.out(result.valid ? "✓ valid" : `✗ invalid: ${count} problem${count === 1 ? "" : "s"}`);
  return result.valid ? 0 : 1;
}

/** Runs one command; resolves with the exit code. Throws {@link UsageError} on bad usage. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "verify":
      return verify(verifyCommand(rest, io.env), io);
    case undefined:
      throw new UsageError("no command given");
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command ${command}; the command is verify`);
  }
}

const isEntry = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  let code: number;
  try {
    code = await main(process.argv.slice(2), { out: console.log, stdin: readStdin, env: process.env });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      code = 2;
    } else {
      console.error(`error: ${(error as Error).message.split("\n")[0]}`);
      code = 1;
    }
  }
  // Exit now: an open RPC connection (a WebSocket) would otherwise keep the process alive.
  process.exit(code);
}
