// `npm run bench:backend`: the embedded indexer's backfill throughput and the GraphQL API's throughput and latency,
// on the embedded database and on PostgreSQL, next to a bare Apollo server answering the same payload from memory.
// Rewrites the backend section of docs/BENCHMARKS.md. Nothing here asserts a number.
//
// PostgreSQL: POSTGRES_BENCH_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema of its own.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { NestExpressApplication } from "@nestjs/platform-express";
import autocannon from "autocannon";
import { readDeployment } from "../../deployments/index.js";
import { startBackend } from "../../test/backend/helpers/backend-app.js";
import { generateVotingHistory } from "../../test/helpers/governance-history.js";
import { startLocalChain } from "../../test/helpers/local-chain.js";
import { postgresSchema } from "../../test/helpers/postgres-schema.js";
import { DATABASE, type Database } from "../src/database/database.js";
import { IndexerService } from "../src/indexer/indexer.service.js";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 200);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 30);
const CONNECTIONS = 50;
const POSTGRES = process.env.POSTGRES_BENCH_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The proposals list a web app's front page asks for. */
const LIST_QUERY = `{ proposals(first: 20, orderBy: createdAtTimestamp, orderDirection: desc) {
  id title state forVotes againstVotes abstainVotes voteStart voteEnd proposer { id votingPower } } }`;

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  console.log(line);
};

const port = 31_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-bench-"));
const chain = await startLocalChain(port, deploymentsDir);
const cleanups: (() => Promise<void>)[] = [];

try {
  const deployment = readDeployment(31337, deploymentsDir);
  console.log(`generating ${PROPOSALS} proposals x ${VOTERS} votes ...`);
  const generated = await generateVotingHistory({
    rpcUrl,
    deployment,
    proposals: PROPOSALS,
    votesPerProposal: VOTERS,
  });

  async function postgresUrl(): Promise<string> {
    const schema = await postgresSchema("commons_bench", POSTGRES);
    cleanups.push(schema.drop);
    return schema.url;
  }

  /** Starts a backend on a fresh database and times its backfill to the generated history's last block. */
  async function backfill(env: Record<string, string>) {
    const started = performance.now();
    const app = await startBackend({ RPC_URL: rpcUrl, COMMONS_DEPLOYMENTS_DIR: deploymentsDir, ...env });
    await app.get(IndexerService).waitForBlock(generated.toBlock, 600_000);
    const seconds = (performance.now() - started) / 1000;
    const metrics = await (await fetch(`${await app.getUrl()}/metrics`)).text();
    const events = [...metrics.matchAll(/^commons_indexer_events_total\{[^}]*\} (\d+)/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    const [{ count }] = (await app.get<Database>(DATABASE).query<{ count: string }>("select count(*) from entity")) as [
      { count: string },
    ];
    return { app, seconds, events, entities: Number(count) };
  }

  async function load(url: string) {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LIST_QUERY }),
    });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      total: result.requests.total,
    };
  }

  const runs: {
    name: string;
    backfill?: Awaited<ReturnType<typeof backfill>>;
    load: Awaited<ReturnType<typeof load>>;
  }[] = [];
  let payload: unknown;
  for (const [name, env] of [
    ["Embedded (PGlite)", async () => ({ DATA_DIR: "memory://" })],
    ["PostgreSQL", async () => ({ DATABASE_URL: await postgresUrl() })],
  ] as const) {
    console.log(`${name}: backfill ...`);
    const filled = await backfill(await env());
    cleanups.push(() => filled.app.close());
    const url = `${await (filled.app as NestExpressApplication).getUrl()}/graphql`;
    payload ??= await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: LIST_QUERY }),
      })
    ).json();
    console.log(`${name}: ${CONNECTIONS} connections for ${DURATION} s ...`);
    runs.push({ name, backfill: filled, load: await load(url) });
    await filled.app.close();
  }

  // A bare Apollo server: the same query answered from memory, with nothing behind it.
  const bare = new ApolloServer({
    typeDefs: `type Delegate { id: String! votingPower: String! }
      type Proposal { id: String! title: String! state: String! forVotes: String! againstVotes: String!
        abstainVotes: String! voteStart: String! voteEnd: String! proposer: Delegate! }
      enum Proposal_orderBy { createdAtTimestamp }
      enum OrderDirection { asc desc }
      type Query { proposals(first: Int, orderBy: Proposal_orderBy, orderDirection: OrderDirection): [Proposal!]! }`,
    resolvers: { Query: { proposals: () => (payload as { data: { proposals: unknown[] } }).data.proposals } },
  });
  const { url: bareUrl } = await startStandaloneServer(bare, { listen: { port: 0, host: "127.0.0.1" } });
  console.log(`bare Apollo: ${CONNECTIONS} connections for ${DURATION} s ...`);
  const bareUrlNoSlash = bareUrl.replace(/\/$/, "");
  const check = (await (
    await fetch(bareUrlNoSlash, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LIST_QUERY }),
    })
  ).json()) as unknown;
  if (JSON.stringify(check) !== JSON.stringify(payload))
    throw new Error("the bare server does not answer the same payload");
  const bareLoad = await load(bareUrlNoSlash);
  await bare.stop();

  log(
    `History: ${generated.proposals} proposals, ${generated.votes} votes (blocks ${generated.fromBlock}-${generated.toBlock}), ` +
      `on npm start's Hardhat node; ${cpus().length} CPU cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}.`,
  );
  log("");
  log("| Backfill from the deployment block | Events | Entities | Seconds | Events/s |");
  log("| --- | ---: | ---: | ---: | ---: |");
  for (const run of runs) {
    const b = run.backfill;
    if (!b) continue;
    log(
      `| ${run.name} | ${b.events} | ${b.entities} | ${b.seconds.toFixed(1)} | ${(b.events / b.seconds).toFixed(0)} |`,
    );
  }
  log("");
  log(
    `| Proposals list (20 with proposer), ${CONNECTIONS} connections, ${DURATION} s | Requests/s | p50 ms | p99 ms | Errors | vs bare Apollo |`,
  );
  log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const run of [...runs, { name: "Bare Apollo, same payload from memory", load: bareLoad }]) {
    const l = run.load;
    log(
      `| ${run.name} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.errors} | ${(l.rps / bareLoad.rps).toFixed(2)} |`,
    );
  }

  const docsPath = path.resolve("docs/BENCHMARKS.md");
  const docs = await readFile(docsPath, "utf8");
  const section = `<!-- backend:start -->\nMeasured by \`npm run bench:backend\` on ${new Date().toISOString().slice(0, 10)}.\n\n${lines.join("\n")}\n<!-- backend:end -->`;
  await writeFile(
    docsPath,
    docs.includes("<!-- backend:start -->")
      ? docs.replace(/<!-- backend:start -->[\s\S]*<!-- backend:end -->/, section)
      : `${docs.trimEnd()}\n\n## Backend (\`npm run bench:backend\`)\n\nBackfill: a backend started on an empty database indexes a generated history (every voter votes on every proposal) until it reaches the history's last block; events are the contract events it indexed. Load: autocannon posts the proposals-list query a web app's front page sends; the bare Apollo server answers the same JSON from memory, so the last column shows what the indexer's storage, SQL and entity loading cost.\n\n${section}\n`,
  );
  console.log("docs/BENCHMARKS.md updated");
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  chain.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
}
process.exit(0);
