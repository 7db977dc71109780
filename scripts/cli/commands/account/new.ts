import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { CliError, defineCommand } from "../../command.ts";
import { accountFile, encryptKey, keystoreDir, password, saveAccount } from "../../keystore.ts";

export default defineCommand({
  path: ["account", "new"],
  summary: "create a new key, encrypted in the keystore under a name (the key is never shown)",
  args: "<name>",
  options: {},
  details: "The password comes from TENDER_PASSWORD or a prompt. Files are Web3 Secret Storage v3 (scrypt, AES-128-CTR) in\n~/.tender/keystore (or TENDER_KEYSTORE_DIR), importable by geth, Foundry and most wallets.",
  examples: ["tender account new supplier", "TENDER_PASSWORD=… tender account new agent-1 --json"],
  async run(parsed) {
    const name = parsed.positionals[0]!;
    accountFile(name);
    const secret = await password(`Password for ${name}: `);
    if (secret.length < 8) throw new CliError("the password must have at least 8 characters");
    if (process.env.TENDER_PASSWORD === undefined && secret !== (await password("Again: "))) throw new CliError("the passwords differ");
    const key = generatePrivateKey();
    const file = saveAccount(name, encryptKey(key, secret));
    const { address } = privateKeyToAccount(key);
    return { data: { name, address, file, keystore: keystoreDir() }, lines: [`Created ${name}: ${address}`, `Encrypted in ${file}.`] };
  },
});
