import { isHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError, defineCommand } from "../../command.ts";
import { accountFile, encryptKey, password, readSecret, saveAccount } from "../../keystore.ts";

export default defineCommand({
  path: ["account", "import"],
  summary: "encrypt an existing private key into the keystore (read from a prompt or stdin, never from argv)",
  args: "<name>",
  options: {},
  details: "In a terminal you are asked for the key, then the password. Piped: the key is the first line of stdin and the\npassword comes from TENDER_PASSWORD.",
  examples: ["tender account import buyer", "pass show tender/buyer | TENDER_PASSWORD=… tender account import buyer"],
  async run(parsed) {
    const name = parsed.positionals[0]!;
    accountFile(name);
    const raw = (await readSecret("Private key (hex): ")).trim();
    const key = (raw.startsWith("0x") ? raw : `0x${raw}`) as `0x${string}`;
    if (!isHex(key) || key.length !== 66) throw new CliError("that is not a 32-byte hex private key");
    const secret = await password(`Password for ${name}: `);
    if (secret.length < 8) throw new CliError("the password must have at least 8 characters");
    const file = saveAccount(name, encryptKey(key, secret));
    const { address } = privateKeyToAccount(key);
    return { data: { name, address, file }, lines: [`Imported ${name}: ${address}`, `Encrypted in ${file}.`] };
  },
});
