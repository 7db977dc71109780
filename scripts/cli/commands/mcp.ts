import { readFileSync } from "node:fs";
import { type Address, isAddress } from "viem";
import { safetyProblems } from "../../agent/supplier/policy.ts";
import { type Limits, startMcp } from "../../mcp/server.ts";
import { CliError, EXIT, defineCommand, str } from "../command.ts";
import { connect } from "../context.ts";
import { parseAmount } from "../format.ts";
import { cliOpenings } from "../openings.ts";

interface McpConfig {
  tokens: Record<string, { maxBondPerJob: string; maxAtRisk: string }>;
  withdrawTo?: string[];
  safety?: Record<string, number>;
  arbitrators?: { allow?: Address[]; maxBuyerShareBps?: number; minRulings?: number; maxTimedOut?: number };
}

export default defineCommand({
  path: ["mcp"],
  summary: "supplier: serve the market to an LLM agent as MCP tools over stdio, within the operator's spending limits",
  options: {
    config: { type: "string", value: "FILE", description: "the operator's limits (JSON: tokens, withdrawTo, safety, arbitrators)", required: true },
  },
  details:
    "Tools: find_jobs, show_job, bid, commit and reveal (sealed bids; openings kept in ~/.tender/openings, TENDER_OPENINGS_DIR),\ndeliver, answer_dispute, withdraw, my_status. It signs with --account / TENDER_ACCOUNT or\nTENDER_PRIVATE_KEY. The limits are enforced here, below the model, from chain state: only the tokens listed (each with\nmaxBondPerJob and maxAtRisk — open bonds and dispute fees at once — in token units), withdrawals only to the agent or\nwithdrawTo, and bids within the supplier agent's safety policy; a call beyond them is refused with nothing signed or\nsent. A job's spec comes back marked as untrusted content. Example config:\n  { \"tokens\": { \"mUSD\": { \"maxBondPerJob\": \"5\", \"maxAtRisk\": \"20\" } }, \"withdrawTo\": [], \"safety\": { \"maxBondBps\": 2000 } }",
  examples: ["tender mcp --config mcp.json --account sorter"],
  async run(parsed, globals) {
    const file = str(parsed, "config")!;
    let config: McpConfig;
    try {
      config = JSON.parse(readFileSync(file, "utf8")) as McpConfig;
    } catch (error) {
      throw new CliError(`cannot read the MCP config ${file}: ${(error as Error).message}`, EXIT.notFound);
    }
    const problems = [...safetyProblems(config.safety)];
    if (typeof config.tokens !== "object" || config.tokens === null || Object.keys(config.tokens).length === 0) problems.push('tokens: e.g. { "mUSD": { "maxBondPerJob": "5", "maxAtRisk": "20" } }');
    if (config.withdrawTo !== undefined && !(Array.isArray(config.withdrawTo) && config.withdrawTo.every((a) => isAddress(a, { strict: false })))) problems.push("withdrawTo: a list of addresses");
    if (problems.length) throw new CliError(`the MCP config ${file} is not valid:\n  ${problems.join("\n  ")}`);
    const ctx = await connect(globals);
    const tokens: Limits["tokens"] = new Map();
    for (const [name, limit] of Object.entries(config.tokens)) {
      const token = await ctx.token(name);
      tokens.set(token.address.toLowerCase(), {
        symbol: token.symbol,
        decimals: token.decimals,
        maxBondPerJob: parseAmount(`tokens.${name}.maxBondPerJob`, String(limit?.maxBondPerJob), token),
        maxAtRisk: parseAmount(`tokens.${name}.maxAtRisk`, String(limit?.maxAtRisk), token),
      });
    }
    const server = await startMcp({
      reader: ctx.reader,
      writer: await ctx.writer(),
      deployment: ctx.deployment,
      limits: { tokens, withdrawTo: (config.withdrawTo ?? []) as Address[] },
      ...(config.safety ? { safety: config.safety } : {}),
      ...(config.arbitrators ? { arbitrators: config.arbitrators } : {}),
      openings: cliOpenings(),
    });
    // Stdout is the protocol's: nothing else is printed there. The command ends when the client closes the stream.
    await new Promise<void>((resolve) => {
      server.server.onclose = () => resolve();
      process.stdin.once("end", () => resolve());
    });
    return { data: {}, lines: [] };
  },
});
