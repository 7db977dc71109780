#!/usr/bin/env node
// `tender`: the entry only turns on Node's compile cache, then wires the commands (commands.ts) to the dispatcher
// (main.ts), which loads the one command that runs.
import { enableCompileCache } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Each run would otherwise strip the types of every .ts module it loads and compile it and viem's modules afresh
// (`npm run bench:cli`'s "no compile cache" rows show what that costs). The cache lives in node_modules/.cache, keyed
// by each file's contents; it covers only what is imported after this line, hence the dynamic imports below; one
// that cannot be written is no error.
enableCompileCache(join(dirname(fileURLToPath(import.meta.url)), "../../node_modules/.cache/tender-cli"));

const { commands } = await import("./commands.ts");
const { main } = await import("./main.ts");
process.exitCode = await main(commands, process.argv.slice(2));
