// The text.transform worker does its ops for real, the buyer's verifier checks the result against the spec's rules,
// deliverables travel as self-contained data: URIs, and on-chain the verifier confirms a right delivery and disputes
// a wrong one.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type DisputeStatement, reviewDelivery, verifyDeliverable } from "../../scripts/agent/buyer/verifier.ts";
import { assertWorker, loadWorker } from "../../scripts/agent/workers/worker.ts";
import { csvToObjects, transformText, worker } from "../../scripts/agent/workers/text-transform.ts";
import { DEMO_SPECS } from "../../scripts/dev/demo/specs.ts";
import { TRANSFORM_SPECS, transformSpec } from "../../scripts/dev/demo/transform-specs.ts";
import {
  checkDeliverable,
  decodeDataUri,
  encodeDeliverable,
  fetchDeliverable,
} from "@tender/sdk/deliverable";
import * as sdk from "@tender/sdk";
import { type JobSpec, type TransformOp, parseSpec } from "@tender/sdk/spec";
import { deployedChain } from "../helpers/chain.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (s: string) => new TextEncoder().encode(s);
const demo = (op: TransformOp) => {
  const found = TRANSFORM_SPECS.find((d) => parseSpec(d.spec).transform?.op === op);
  if (!found) throw new Error(`no demo spec for ${op}`);
  return parseSpec(found.spec, found.category);
};
const failedIds = (spec: JobSpec, output: string) =>
  verifyDeliverable(spec, bytesOf(output)).results.filter((r) => !r.passed).map((r) => r.id);

describe("the text-transform worker", () => {
  it.each([
    ["sort-lines", "pear\nApple\napple\nbanana\napple\n", "Apple\napple\napple\nbanana\npear\n", "text/plain"],
    ["sort-lines", "b\r\na", "a\nb\n", "text/plain"],
    ["dedupe-lines", "a\nb\na\nc\nb\n", "a\nb\nc\n", "text/plain"],
    ["uppercase", "Grüße, straße!\n", "GRÜSSE, STRASSE!\n", "text/plain"],
    ["lowercase", "HeLLo\r\nWORLD", "hello\r\nworld", "text/plain"],
    ["reverse-lines", "1\n2\n3\n", "3\n2\n1\n", "text/plain"],
    ["reverse-lines", "", "", "text/plain"],
    ["word-count", "  one two\tthree\n\nfour  ", '{"words":4}', "application/json"],
    ["word-count", "", '{"words":0}', "application/json"],
    ["csv-to-json", 'name,note\r\n"Smith, J","said ""hi"""\n\nLee,"two\nlines"\n', '[{"name":"Smith, J","note":"said \\"hi\\""},{"name":"Lee","note":"two\\nlines"}]', "application/json"],
    ["csv-to-json", "a,b\n", "[]", "application/json"],
  ] as const)("does %s for real", (op, input, output, mediaType) => {
    expect(transformText(op, input)).toEqual({ content: output, mediaType });
  });

  it("refuses malformed CSV", () => {
    expect(() => csvToObjects("a,b\n1\n")).toThrow(/row 2 has 1 fields; the header has 2/);
    expect(() => csvToObjects('a,b\n"1,2\n')).toThrow(/not closed/);
    expect(() => csvToObjects("a,a\n1,2\n")).toThrow(/appears twice/);
    expect(() => csvToObjects("")).toThrow(/no header/);
  });

  it("can do text.transform specs only, with a known op on an inline input, and performs them deterministically", async () => {
    const sort = demo("sort-lines");
    expect(worker.canDo(sort)).toBe(true);
    expect(worker.categories).toEqual(["text.transform"]);
    for (const { spec, category } of DEMO_SPECS) expect(worker.canDo(parseSpec(spec, category))).toBe(false);
    expect(worker.canDo({ ...sort, transform: { op: "shuffle" as TransformOp, input: "input" } })).toBe(false);
    expect(worker.canDo({ ...sort, transform: { op: "sort-lines", input: "missing" } })).toBe(false);
    expect(worker.canDo({ ...sort, inputs: [{ name: "input", uri: "ipfs://x" }] })).toBe(false);
    const badCsv = parseSpec(transformSpec("csv-to-json", "a,b\n1,2\n", "CSV").spec);
    expect(worker.canDo({ ...badCsv, inputs: [{ name: "input", text: "a,b\n1\n" }] })).toBe(false);
    await expect(worker.perform(parseSpec(DEMO_SPECS[0]!.spec), {})).rejects.toThrow(/cannot do this job/);
    const first = await worker.perform(sort, {});
    expect(await worker.perform(sort, {})).toEqual(first);
    await expect(worker.perform(sort, { signal: AbortSignal.abort() })).rejects.toThrow(/aborted/);
  });

  it("passes the verifier on every demo transform spec", async () => {
    for (const { spec, category } of TRANSFORM_SPECS) {
      const parsed = parseSpec(spec, category);
      const output = await worker.perform(parsed, {});
      const encoded = encodeDeliverable(output.content, output.mediaType);
      const verdict = verifyDeliverable(parsed, await fetchDeliverable(encoded.uri));
      expect(verdict, parsed.title).toMatchObject({ passed: true, manual: [] });
      expect(verdict.results.length).toBeGreaterThan(0);
      expect(output.mediaType).toBe(parsed.deliverable?.mediaType);
    }
  });

  it("fails a tampered output on the right rule", () => {
    expect(failedIds(demo("sort-lines"), "alpha-agent\nbeta-agent\nalpha-agent\nmu-agent\nzeta-agent\n")).toEqual(["sorted"]);
    expect(failedIds(demo("sort-lines"), "alpha-agent\nbeta-agent\nmu-agent\nzeta-agent\n")).toEqual(["same-lines"]);
    expect(failedIds(demo("dedupe-lines"), "ada@example.com\nbob@example.com\nbob@example.com\ncy@example.com\n")).toEqual(["unique", "line-count"]);
    expect(failedIds(demo("dedupe-lines"), "bob@example.com\nada@example.com\ncy@example.com\n")).toEqual(["first-line"]);
    expect(failedIds(demo("uppercase"), "TENDER OPENS ITS MARKET\nTO MACHINE LABOR TODAy.\n")).toEqual(["no-lowercase"]);
    expect(failedIds(demo("uppercase"), "TENDER OPENS ITS MARKET\n")).toEqual(["line-count", "nothing-dropped"]);
    expect(failedIds(demo("reverse-lines"), "1\n2\n3\nliftoff\n")).toEqual(["last-first"]);
    expect(failedIds(demo("word-count"), '{"words":"13"}')).toEqual(["shape"]);
    expect(failedIds(demo("word-count"), "13")).toEqual(["shape"]);
    expect(failedIds(demo("csv-to-json"), '[{"agent":"scribe","price":12,"rating":"4.8"}]')).toEqual(["shape"]);
    const verdict = verifyDeliverable(demo("word-count"), bytesOf('{"words":"13"}'));
    expect(verdict.results[0]?.detail).toMatch(/output\/words must be integer/);
  });
});

describe("the verifier", () => {
  const spec = (acceptance: object[]): JobSpec =>
    parseSpec(JSON.stringify({ version: 1, title: "t", category: "text", task: "t", inputs: [{ name: "doc", text: "b\na\n" }], acceptance }));
  const rule = (id: string, check: object) => ({ id, description: id, ...check });

  it("checks each mechanical rule kind", () => {
    const all = spec([
      rule("regex", { regex: "^hello", flags: "i" }),
      rule("exact", { exact: "Hello world" }),
      rule("contains", { contains: ["world", "Hello"] }),
      rule("notContains", { notContains: ["TODO"] }),
      rule("maxChars", { maxChars: 12 }),
      rule("minChars", { minChars: 11 }),
      rule("lines", { lines: { min: 1, max: 1 } }),
      rule("uniqueLines", { uniqueLines: true }),
    ]);
    expect(verifyDeliverable(all, bytesOf("Hello world\n"))).toMatchObject({ passed: true, manual: [] });
    const failed = verifyDeliverable(all, bytesOf("Goodbye TODO world!\nworld\n"));
    expect(failed.passed).toBe(false);
    expect(failed.results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.detail}`)).toEqual([
      "regex: does not match /^hello/i",
      expect.stringMatching(/^exact: differs from the expected text at character 0/),
      'contains: missing "Hello"',
      'notContains: contains "TODO"',
      "maxChars: 26 characters; at most 12",
      "lines: 2 lines; expected 1–1",
    ]);
    const lines = spec([rule("sorted", { sortedLines: true }), rule("same", { sameLinesAs: "doc" }), rule("unique", { uniqueLines: true }), rule("json", { json: true })]);
    expect(verifyDeliverable(lines, bytesOf("a\nb\n")).results.map((r) => r.passed)).toEqual([true, true, true, false]);
    expect(verifyDeliverable(lines, bytesOf("b\nc\nc")).results.map((r) => r.detail)).toEqual([
      "sorted",
      '1 line of doc missing (first "a"); 2 lines not in doc (first "c")',
      '"c" appears twice',
      expect.stringMatching(/^not JSON/),
    ]);
  });

  it("sends command rules to a person, passes nothing without rules, and fails bytes that are not UTF-8", () => {
    const code = parseSpec(DEMO_SPECS[1]!.spec);
    expect(verifyDeliverable(code, bytesOf("anything"))).toEqual({ passed: false, results: [], manual: ["tests"] });
    const mixed = spec([rule("cmd", { command: "npm test" }), rule("short", { maxChars: 5 })]);
    expect(verifyDeliverable(mixed, bytesOf("ok"))).toMatchObject({ passed: false, manual: ["cmd"], results: [{ id: "short", passed: true }] });
    expect(verifyDeliverable(spec([]), bytesOf("ok"))).toEqual({ passed: false, results: [], manual: [] });
    const notUtf8 = verifyDeliverable(spec([rule("short", { maxChars: 5 })]), new Uint8Array([0xff, 0xfe, 0x00]));
    expect(notUtf8.results).toEqual([{ id: "short", kind: "maxChars", passed: false, detail: "the deliverable is not UTF-8 text" }]);
  });
});

describe("deliverables", () => {
  it("round-trips through a data: URI, with the keccak256 of the bytes", async () => {
    const encoded = encodeDeliverable("héllo\n", "text/plain");
    expect(encoded.uri).toBe(`data:text/plain;charset=utf-8;base64,${Buffer.from("héllo\n").toString("base64")}`);
    expect(encoded.hash).toBe(sdk.specHash("héllo\n"));
    const fetched = await fetchDeliverable(encoded.uri);
    expect(text(fetched)).toBe("héllo\n");
    expect(checkDeliverable(fetched, encoded.hash)).toBe(true);
    expect(checkDeliverable(bytesOf("hello\n"), encoded.hash)).toBe(false);
    const binary = encodeDeliverable(new Uint8Array([0, 255, 7]), "application/octet-stream");
    expect([...(await fetchDeliverable(binary.uri))]).toEqual([0, 255, 7]);
    expect(decodeDataUri("data:,a%20b%C3%A9")).toEqual({ mediaType: "text/plain;charset=US-ASCII", bytes: bytesOf("a bé") });
    expect(() => encodeDeliverable("x".repeat(40_000), "text/plain")).toThrow(/at most 32768 go inline/);
    expect(() => encodeDeliverable("x", "text")).toThrow(/not a media type/);
    await expect(fetchDeliverable(encodeDeliverable("x".repeat(100), "text/plain").uri, { maxBytes: 10 })).rejects.toThrow(/more than 10 bytes/);
  });

  it("fetches file: and http: URIs with a size cap, and only the schemes allowed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tender-deliverable-"));
    const file = join(dir, "out.txt");
    writeFileSync(file, "from a file\n");
    const fileUri = pathToFileURL(file).href;
    expect(text(await fetchDeliverable(fileUri))).toBe("from a file\n");
    await expect(fetchDeliverable(fileUri, { maxBytes: 4 })).rejects.toThrow(/12 bytes; at most 4/);
    await expect(fetchDeliverable(fileUri, { schemes: ["data", "https"] })).rejects.toThrow(/file: URIs are not fetched here/);
    await expect(fetchDeliverable("ipfs://bafy")).rejects.toThrow(/need an ipfsGateway/);
    await expect(fetchDeliverable("ftp://x/y")).rejects.toThrow(/ftp: URIs are not fetched here/);

    const server = createServer((req, res) => {
      if (req.url === "/big") res.end("x".repeat(5_000));
      else if (req.url === "/ipfs/bafy/out.txt") res.end("via a gateway");
      else if (req.url === "/out.txt") res.end("from a server");
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(text(await fetchDeliverable(`${base}/out.txt`))).toBe("from a server");
      expect(text(await fetchDeliverable("ipfs://bafy/out.txt", { ipfsGateway: `${base}/` }))).toBe("via a gateway");
      await expect(fetchDeliverable(`${base}/big`, { maxBytes: 1_000 })).rejects.toThrow(/at most 1000|more than 1000/);
      await expect(fetchDeliverable(`${base}/missing`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});

describe("loading workers", () => {
  it("loads the built-in by name and a module by relative or absolute path, and checks the shape", async () => {
    expect(await loadWorker("text-transform")).toBe(worker);
    const dir = mkdtempSync(join(tmpdir(), "tender-worker-"));
    const good = join(dir, "echo.ts");
    writeFileSync(
      good,
      'export const worker = { name: "echo", categories: ["text"], canDo: () => true, perform: async (spec) => ({ content: spec.task, mediaType: "text/plain" }) };\n',
    );
    const echo = await loadWorker(relative(process.cwd(), good));
    expect(echo.name).toBe("echo");
    expect(await echo.perform(parseSpec(DEMO_SPECS[0]!.spec), {})).toEqual({ content: DEMO_SPECS[0] && parseSpec(DEMO_SPECS[0].spec).task, mediaType: "text/plain" });
    expect((await loadWorker(good)).name).toBe("echo");
    const bad = join(dir, "bad.mjs");
    writeFileSync(bad, 'export default { name: "bad", categories: [] };\n');
    await expect(loadWorker(bad)).rejects.toThrow(/not a worker: categories is not a nonempty array.*canDo is not a function; perform is not a function/);
    await expect(loadWorker("./nope/missing-worker.ts")).rejects.toThrow(/cannot load worker ".\/nope\/missing-worker.ts" \(built-in: text-transform\)/);
    expect(() => assertWorker(42, "x")).toThrow(/x: a worker is an object/);
  });
});

describe("reviewing deliveries on-chain", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  const PRICE = 100_000_000n; // 100 mUSD
  const sortJob = TRANSFORM_SPECS[0]!;

  beforeAll(async () => {
    chain = await deployedChain();
    await sdk.waitForSuccess(
      chain.reader,
      await sdk.mintMock(chain.deployer, { token: chain.token, to: chain.buyer.account.address, amount: 10n ** 12n }),
    );
  });

  async function hire(token: `0x${string}`, demoSpec = sortJob) {
    const { reader, escrow, buyer } = chain;
    if (token !== sdk.ETH) await sdk.waitForSuccess(reader, await sdk.approve(buyer, { token, spender: escrow, amount: PRICE }));
    return sdk.waitForJobId(
      reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: chain.supplier.account.address, token, price: PRICE, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: chain.arbitrator.account.address, defaultBuyerShareBps: 0, category: demoSpec.category, spec: demoSpec.spec,
      }),
    );
  }

  async function deliver(jobId: bigint, deliverableHash: `0x${string}`, uri: string) {
    await sdk.waitForSuccess(chain.reader, await sdk.deliver(chain.supplier, { escrow: chain.escrow, jobId, deliverableHash, uri }));
  }

  async function statementOf(jobId: bigint): Promise<DisputeStatement> {
    const [opened] = await chain.reader.getContractEvents({
      address: chain.escrow, abi: sdk.tenderEscrowAbi, eventName: "DisputeOpened", args: { jobId }, fromBlock: 0n, strict: true,
    });
    return JSON.parse(text(decodeDataUri(opened!.args.statementURI).bytes)) as DisputeStatement;
  }

  it("confirms a right delivery with rating 5", async () => {
    const { reader, escrow, buyer, supplier, token } = chain;
    const jobId = await hire(token);
    const output = await worker.perform(parseSpec(sortJob.spec, sortJob.category), { jobId });
    const encoded = encodeDeliverable(output.content, output.mediaType);
    await deliver(jobId, encoded.hash, encoded.uri);

    const before = await sdk.balanceOf(reader, { token, account: supplier.account.address });
    const review = await reviewDelivery(buyer, reader, { escrow, jobId, fromBlock: chain.deployment.startBlock });
    expect(review).toMatchObject({ decision: "confirmed", verdict: { passed: true } });
    expect((await sdk.readJob(reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Settled);
    const [settled] = await reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "JobSettled", args: { jobId }, fromBlock: 0n, strict: true });
    expect(settled?.args.rating).toBe(5);
    expect(settled?.transactionHash).toBe(review.txHash);
    expect(await sdk.balanceOf(reader, { token, account: supplier.account.address })).toBeGreaterThan(before);
  });

  it("disputes a wrong delivery in mUSD, approving the fee, with a statement naming the failed rules", async () => {
    const { reader, escrow, buyer, token } = chain;
    const jobId = await hire(token);
    const wrong = encodeDeliverable("zeta-agent\nalpha-agent\n", "text/plain");
    await deliver(jobId, wrong.hash, wrong.uri);
    const fee = await sdk.disputeFee(reader, { escrow, jobId });
    const before = await sdk.balanceOf(reader, { token, account: buyer.account.address });

    const review = await reviewDelivery(buyer, reader, { escrow, jobId });
    expect(review.decision).toBe("disputed");
    expect(review.reason).toBe("2 acceptance rules failed: same-lines, sorted");
    expect((await sdk.readJob(reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Disputed);
    expect(await sdk.balanceOf(reader, { token, account: buyer.account.address })).toBe(before - fee);
    const statement = await statementOf(jobId);
    expect(statement).toMatchObject({ type: "tender/dispute-statement", reason: "failed-rules", jobId: jobId.toString(), deliverableHash: wrong.hash });
    expect(statement.failed.map((f) => f.id)).toEqual(["same-lines", "sorted"]);
    expect(statement.failed[0]?.description).toBe("Every input line, each as often as in the input");
  });

  it("disputes an ETH delivery whose bytes do not match its hash, paying the fee as value", async () => {
    const { reader, escrow, buyer } = chain;
    const jobId = await hire(sdk.ETH);
    const right = encodeDeliverable((await worker.perform(parseSpec(sortJob.spec), {})).content, "text/plain");
    await deliver(jobId, sdk.specHash("something else"), right.uri);
    const review = await reviewDelivery(buyer, reader, { escrow, jobId });
    expect(review).toMatchObject({ decision: "disputed" });
    expect(review.reason).toMatch(/hashes to 0x[0-9a-f]{64}, not the delivered/);
    expect((await sdk.readJob(reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Disputed);
    expect(await statementOf(jobId)).toMatchObject({ reason: "hash-mismatch", fetchedHash: right.hash, failed: [] });
  });

  it("disputes a deliverable it may not fetch, and leaves command rules to a person", async () => {
    const { reader, escrow, buyer, stranger } = chain;
    const unfetchable = await hire(sdk.ETH);
    await deliver(unfetchable, sdk.specHash("x"), "file:///etc/hostname");
    const review = await reviewDelivery(buyer, reader, { escrow, jobId: unfetchable });
    expect(review.reason).toMatch(/could not be fetched: file: URIs are not fetched here/);
    expect(await statementOf(unfetchable)).toMatchObject({ reason: "unfetchable" });

    const code = await hire(sdk.ETH, DEMO_SPECS[1]!);
    const patch = encodeDeliverable("diff --git a/range.js", "text/x-diff");
    await deliver(code, patch.hash, patch.uri);
    const nonce = await reader.getTransactionCount({ address: buyer.account.address });
    expect(await reviewDelivery(buyer, reader, { escrow, jobId: code })).toMatchObject({
      decision: "manual",
      reason: "every mechanical rule passed, but tests must be checked by a person",
    });
    expect(await reader.getTransactionCount({ address: buyer.account.address })).toBe(nonce);
    expect((await sdk.readJob(reader, { escrow, jobId: code })).status).toBe(sdk.JobStatus.Delivered);
    await expect(reviewDelivery(stranger, reader, { escrow, jobId: code })).rejects.toThrow(/is not job \d+'s buyer/);
    await expect(reviewDelivery(buyer, reader, { escrow, jobId: unfetchable })).rejects.toThrow(/is Disputed; only a Delivered job is reviewed/);
  });
});
