// `npm start`: a local chain with the Commons AI contracts deployed, for development and demos.
//
// Starts Hardhat's JSON-RPC node on 127.0.0.1:$COMMONS_CHAIN_PORT (default 8545), deploys with scripts/deploy.ts
// (which writes deployments/31337.json), prints what is where, and runs until Ctrl-C. Each start is a new, empty
// chain: the deployment file is rewritten every time.
import { type ChildProcess, spawn } from "node:child_process";
import { deploymentPath, readDeployment } from "../deployments/index.js";

const port = Number(process.env.COMMONS_CHAIN_PORT ?? "8545");
const rpcUrl = `http://127.0.0.1:${port}`;
const LOCAL_CHAIN_ID = 31337;

async function rpcReady(): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

if (await rpcReady()) {
  console.error(`Something already answers JSON-RPC on ${rpcUrl}. Stop it, or set COMMONS_CHAIN_PORT to a free port.`);
  process.exit(1);
}

const node = spawn("hardhat", ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
  stdio: ["ignore", process.env.COMMONS_CHAIN_VERBOSE ? "inherit" : "ignore", "inherit"],
});
const nodeExited = exitCode(node);
let stopping = false;
const stop = () => {
  stopping = true;
  node.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const deadline = Date.now() + 60_000;
while (!(await rpcReady())) {
  if (node.exitCode !== null || Date.now() > deadline) {
    console.error(`The local chain did not start on ${rpcUrl}.`);
    stop();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}

const deploy = spawn("hardhat", ["run", "scripts/deploy.ts", "--network", "localhost"], {
  stdio: "inherit",
  env: { ...process.env, CI: "true" },
});
if ((await exitCode(deploy)) !== 0) {
  console.error("Deployment failed; stopping the chain.");
  stop();
  process.exit(1);
}

const deployment = readDeployment(LOCAL_CHAIN_ID);
console.log(`
Commons AI local chain is running.
  JSON-RPC        ${rpcUrl} (chain id ${deployment.chainId})
  Deployment      ${deploymentPath(deployment.chainId)}
${Object.entries(deployment.contracts)
  .map(([name, address]) => `  ${name.padEnd(20)}${address}`)
  .join("\n")}
  Token holders   Hardhat's dev accounts #0-#4 (account #1 is the proposal guardian)
Press Ctrl-C to stop.`);

const code = await nodeExited;
process.exit(stopping ? 0 : code);
