import { defineCommand } from "../../command.ts";
import { keystoreDir, listAccounts } from "../../keystore.ts";
import { table } from "../../format.ts";

export default defineCommand({
  path: ["account", "list"],
  summary: "the accounts in the keystore, by name and address",
  options: {},
  examples: ["tender account list", "TENDER_KEYSTORE_DIR=./keys tender account list --json"],
  async run() {
    const accounts = listAccounts();
    return {
      data: accounts,
      lines: accounts.length ? table(["name", "address"], accounts.map((a) => [a.name, a.address])) : [`No accounts in ${keystoreDir()} (create one with \`tender account new NAME\`).`],
    };
  },
});
