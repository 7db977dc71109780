import { startRelayer } from "../../relay/server.ts";
import { CliError, defineCommand, str } from "../command.ts";
import { connect } from "../context.ts";
import { checkCount } from "../inputs.ts";

export default defineCommand({
  path: ["relay"],
  summary: "anyone: run a relayer that submits suppliers' signed actions and pays their gas (until Ctrl-C)",
  options: {
    port: { type: "string", value: "PORT", description: "where it listens (default 8600)" },
    host: { type: "string", value: "HOST", description: "the interface it listens on (default 127.0.0.1)" },
    "per-minute": { type: "string", value: "N", description: "actions it takes per signer per minute (default 30)" },
    "gas-per-hour": { type: "string", value: "GAS", description: "gas it pays per signer per hour (default 3000000)" },
  },
  details:
    "The relayer pays from --account / TENDER_ACCOUNT or TENDER_PRIVATE_KEY. POST a signed action (the SDK's signAction,\nas JSON) to /actions: it is checked (shape, this escrow, the relayer it names, the signer's rate and gas budget, a\nsimulation that names the escrow's refusal) before any gas is paid, then submitted; the answer is the mined\ntransaction. GET / says who it is and its limits. A relayer sees an action before it is on chain (an open bid's\nprice, a delivery's URI) and can withhold it: a supplier sends deadline-bound actions to two or more.",
  examples: ["tender relay --account relayer", "tender relay --port 8601 --per-minute 10 --gas-per-hour 1000000 --account relayer"],
  async run(parsed, globals) {
    const port = str(parsed, "port") === undefined ? 8600 : checkCount("--port", str(parsed, "port")!);
    if (port > 65_535) throw new CliError("--port: a port is at most 65535");
    const perMinute = str(parsed, "per-minute") === undefined ? undefined : checkCount("--per-minute", str(parsed, "per-minute")!);
    const gasText = str(parsed, "gas-per-hour");
    if (gasText !== undefined && !/^[0-9]+$/.test(gasText)) throw new CliError("--gas-per-hour: a whole amount of gas");
    const ctx = await connect(globals);
    const writer = await ctx.writer();
    const log = (line: string) => process.stdout.write(globals.json ? `${JSON.stringify({ at: new Date().toISOString(), message: line })}\n` : `${new Date().toISOString().slice(11, 19)} [relay] ${line}\n`);
    const relayer = await startRelayer({
      reader: ctx.reader,
      writer,
      escrow: ctx.deployment.escrow,
      port,
      host: str(parsed, "host") ?? "127.0.0.1",
      limits: { perSignerPerMinute: perMinute, gasPerSignerPerHour: gasText === undefined ? undefined : BigInt(gasText) },
      log,
    });
    log(`relaying for ${ctx.deployment.escrow} from ${relayer.address} at ${relayer.url}`);
    await new Promise<void>((resolveStop) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void relayer.close().then(resolveStop);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return { data: { relayer: relayer.address, url: relayer.url }, lines: [`relayer at ${relayer.url} stopped.`] };
  },
});
