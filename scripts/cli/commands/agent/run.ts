import { isAbsolute, resolve } from "node:path";
import { startAgent } from "../../../agent/supplier/agent.ts";
import { loadConfig } from "../../../agent/supplier/config.ts";
import { loadStrategy } from "../../../agent/supplier/strategies.ts";
import { loadWorker } from "../../../agent/workers/worker.ts";
import { CliError, EXIT, defineCommand, str } from "../../command.ts";
import { connect } from "../../context.ts";
import { parseAmount } from "../../format.ts";
import { parseRelayers } from "../../inputs.ts";

export default defineCommand({
  path: ["agent", "run"],
  summary: "supplier: run an agent that bids on RFQs it can do, does the work, delivers and gets paid (until Ctrl-C)",
  options: {
    config: { type: "string", value: "FILE", description: "the agent's configuration (see scripts/agent/README.md)", required: true },
    state: { type: "string", value: "FILE", description: "where to keep its state (default: from the config)" },
    relay: { type: "string", value: "URL,URL", description: "relayers to sign its actions for (default: the config's relayers): it then needs no ETH" },
  },
  details:
    "The agent signs with --account / TENDER_ACCOUNT or TENDER_PRIVATE_KEY. It prints one line per thing it does (one JSON\nobject per line with --json). Stopped with Ctrl-C or SIGTERM, it saves its state; started again with the same state\nfile, it resumes where it stopped, without bidding twice.",
  examples: [
    "tender agent run --config agent.json --account sorter",
    "TENDER_PRIVATE_KEY=0x… tender agent run --config scripts/agent/examples/undercut.json --json",
  ],
  async run(parsed, globals) {
    const file = str(parsed, "config")!;
    let config;
    try {
      config = loadConfig(file);
    } catch (error) {
      throw new CliError((error as Error).message, /cannot read/.test((error as Error).message) ? EXIT.notFound : EXIT.usage);
    }
    const ctx = await connect(globals);
    const writer = await ctx.writer();
    const prices = new Map<string, { symbol: string; decimals: number; cost: bigint; floor: bigint }>();
    for (const [name, p] of Object.entries(config.prices)) {
      const token = await ctx.token(name);
      prices.set(token.address.toLowerCase(), {
        symbol: token.symbol,
        decimals: token.decimals,
        cost: parseAmount(`prices.${name}.cost`, p.cost, token),
        floor: parseAmount(`prices.${name}.floor`, p.floor, token),
      });
    }
    let worker;
    let strategy;
    try {
      // A path (not a built-in name or a package) is relative to the config file.
      const isPath = /^\.\.?\//.test(config.worker) || /\.[cm]?[jt]s$/.test(config.worker);
      const workerPath = isPath && !isAbsolute(config.worker) ? resolve(config.baseDir, config.worker) : config.worker;
      worker = await loadWorker(workerPath);
      strategy = await loadStrategy(config.strategy, config.baseDir);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const statePath = str(parsed, "state") ? resolve(str(parsed, "state")!) : config.statePath;
    const relayers = str(parsed, "relay") !== undefined ? parseRelayers(str(parsed, "relay")!) : config.relayers;
    const log = (line: string, detail: Record<string, unknown> = {}) => {
      const at = new Date().toISOString();
      process.stdout.write(globals.json ? `${JSON.stringify({ at, agent: config.name, message: line, ...detail })}\n` : `${at.slice(11, 19)} [${config.name}] ${line}\n`);
    };
    const agent = startAgent({
      name: config.name,
      reader: ctx.reader,
      writer,
      deployment: ctx.deployment,
      worker,
      strategy,
      categories: config.categories,
      prices,
      arbitrators: config.arbitrators ?? {},
      ...(config.safety ? { safety: config.safety } : {}),
      maxJobs: config.maxJobs,
      respondToDisputes: config.respondToDisputes,
      ...(relayers?.length ? { relayers } : {}),
      ...(config.card ? { card: config.card } : {}),
      statePath,
      pollingInterval: config.pollingInterval ?? (ctx.chain.id === 31337 ? 250 : 2_000),
      log,
    });
    await new Promise<void>((resolveStop) => {
      // Once, though a Ctrl-C in `npm start` brings both a SIGINT (the terminal's) and a SIGTERM (the stack's).
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        log("stopping: saving state");
        void agent.stop().then(resolveStop);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    const jobs = Object.values(agent.state().jobs);
    return {
      data: { agent: config.name, address: agent.address, statePath, jobs: agent.state().jobs },
      lines: [`${config.name} stopped; state in ${statePath} (${jobs.length} jobs, ${jobs.filter((j) => j.phase === "paid").length} paid).`],
    };
  },
});
