#!/usr/bin/env node
// `tender`: the entry only wires the commands (commands.ts) to the dispatcher (main.ts).
import { commands } from "./commands.ts";
import { main } from "./main.ts";

process.exitCode = await main(commands, process.argv.slice(2));
