// What the CLI decides before it talks to any chain: the example specs parse, which chain and deployment it picks
// (flags, env, the running `npm start`'s stack file), and "did you mean" for a mistyped option.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TRANSFORM_CATEGORY, parseSpec } from "@tender/sdk/spec";
import { closest } from "../../scripts/cli/command.ts";
import { resolveNetwork } from "../../scripts/cli/network.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("example specs", () => {
  it("are valid job specs: a text.transform job and a plain text one", () => {
    const transform = parseSpec(readFileSync(join(root, "examples/specs/text-transform.json"), "utf8"), TRANSFORM_CATEGORY);
    expect(transform.transform?.op).toBe("sort-lines");
    const text = parseSpec(readFileSync(join(root, "examples/specs/free-text.json"), "utf8"), "text");
    expect(text.category).toBe("text");
    // One input inline, one by URI: `tender job show` prints both kinds.
    expect(text.inputs?.map((i) => ("text" in i && i.text ? "text" : "uri"))).toEqual(["text", "uri"]);
    // The walkthrough's delivery passes the free-text job's acceptance rule.
    const rule = text.acceptance![0] as { regex: string };
    expect(new RegExp(rule.regex).test(readFileSync(join(root, "examples/deliveries/release-notes.txt"), "utf8"))).toBe(true);
  });
});

describe("which chain the CLI talks to", () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), "tender-stack-"));
  const stack = (pid: number, deploymentsDir = "/stack/deployments") => {
    const file = join(dir, `stack-${pid}.json`);
    writeFileSync(file, JSON.stringify({ rpcUrl: "http://127.0.0.1:9999", chainId: 31337, indexerUrl: "http://127.0.0.1:42069", webUrl: "http://127.0.0.1:3000", deploymentsDir, pid }));
    return file;
  };
  afterEach(() => {
    for (const name of ["TENDER_RPC_URL", "TENDER_PORT", "TENDER_STACK_FILE", "TENDER_DEPLOYMENTS_DIR"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  const clear = () => {
    for (const name of ["TENDER_RPC_URL", "TENDER_PORT", "TENDER_DEPLOYMENTS_DIR"]) delete process.env[name];
    process.env.TENDER_STACK_FILE = join(dir, "none.json");
  };

  it("uses the running npm start's stack file, with its deployments folder", () => {
    clear();
    process.env.TENDER_STACK_FILE = stack(process.pid);
    expect(resolveNetwork(undefined)).toMatchObject({ rpcUrl: "http://127.0.0.1:9999", deploymentsDir: "/stack/deployments" });
    process.env.TENDER_DEPLOYMENTS_DIR = "/mine";
    expect(resolveNetwork(undefined)).toMatchObject({ rpcUrl: "http://127.0.0.1:9999", deploymentsDir: "/mine" });
  });

  it("ignores a stack file whose process is gone, then falls back to TENDER_PORT and 8545", () => {
    clear();
    process.env.TENDER_STACK_FILE = stack(2 ** 22 + 12_345); // above Linux's largest pid: no such process
    expect(resolveNetwork(undefined)).toMatchObject({ rpcUrl: "http://127.0.0.1:8545", source: "default" });
    process.env.TENDER_PORT = "18545";
    expect(resolveNetwork(undefined)).toMatchObject({ rpcUrl: "http://127.0.0.1:18545", source: "TENDER_PORT" });
  });

  it("prefers --rpc, then TENDER_RPC_URL, over the stack file; a malformed URL is bad usage", () => {
    clear();
    process.env.TENDER_STACK_FILE = stack(process.pid);
    process.env.TENDER_RPC_URL = "http://rpc.example:8545";
    expect(resolveNetwork(undefined).rpcUrl).toBe("http://rpc.example:8545");
    expect(resolveNetwork("http://127.0.0.1:7777").rpcUrl).toBe("http://127.0.0.1:7777");
    expect(() => resolveNetwork("notaurl")).toThrow(/--rpc: "notaurl" is not a URL/);
    process.env.TENDER_RPC_URL = "localhost:8545";
    expect(() => resolveNetwork(undefined)).toThrow(/TENDER_RPC_URL: "localhost:8545" is not a URL/);
  });
});

describe("did you mean", () => {
  it("suggests the nearest option for a typo or a prefix, and nothing for a stranger", () => {
    const names = ["max-price", "price", "bid-window", "bond", "rpc", "json"];
    expect(closest("max-prise", names)).toBe("max-price");
    expect(closest("bid-windw", names)).toBe("bid-window");
    expect(closest("max", names)).toBe("max-price");
    expect(closest("bogus", names)).toBeUndefined();
  });
});
