// The `tender` CLI end to end: the real binary, spawned, against a real `hardhat node` this file starts. A full RFQ
// with a dispute through the CLI alone (deploy, keystore accounts, post, bid, award, deliver, dispute, answer,
// evidence, ruling), and bad inputs: each gives a clear message and a non-zero exit, and sends nothing.
import { spawn } from "node:child_process";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, parseEther, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandHelp } from "../../scripts/cli/command.ts";
import { commands, loadCommands } from "../../scripts/cli/commands.ts";
import * as sdk from "@tender/sdk";
import { freePort } from "../../scripts/dev/lib/ports.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const SPEC = JSON.stringify({ version: 1, title: "Sort a list", category: "text", task: "Sort the input lines." });

// Each command is a new process (~0.5 s of start-up on this machine): generous timeouts for a loaded CI machine.
describe("tender CLI", { timeout: 300_000 }, () => {
  let node: RunningNode;
  let dir: string;
  let env: Record<string, string>;
  const keys: Record<string, `0x${string}`> = {};
  const address: Record<string, Address> = {};

  function tender(args: string[], options: { key?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["scripts/cli/tender.ts", ...args], {
        env: { ...process.env, ...env, ...(options.key ? { TENDER_PRIVATE_KEY: keys[options.key]! } : {}), ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(options.input ?? "");
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Runs a command that must succeed and returns its --json output. */
  async function ok<T = Record<string, unknown>>(args: string[], options?: Parameters<typeof tender>[1]): Promise<T> {
    const run = await tender([...args, "--json"], options);
    expect(run.code, `${args.join(" ")}\n${run.stderr}`).toBe(0);
    return JSON.parse(run.stdout) as T;
  }

  /** Runs a command that must fail with `code` and a message matching `message`, sending nothing from `who`. */
  async function refused(args: string[], code: number, message: RegExp, options: Parameters<typeof tender>[1] = {}) {
    const who = options.key ? address[options.key] : undefined;
    const nonce = who ? await node.reader.getTransactionCount({ address: who }) : 0;
    const run = await tender(args, options);
    expect(run.code, `${args.join(" ")}\n${run.stdout}${run.stderr}`).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack trace
    if (who) expect(await node.reader.getTransactionCount({ address: who })).toBe(nonce);
    return run;
  }

  const advance = async (seconds: number) => {
    await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
  };

  beforeAll(async () => {
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-cli-"));
    env = { TENDER_RPC_URL: node.rpcUrl, TENDER_DEPLOYMENTS_DIR: dir, TENDER_KEYSTORE_DIR: join(dir, "keystore") };
    for (const [name, index] of [["deployer", 0], ["arbitrator", 2], ["buyer", 3], ["supplier", 5], ["rival", 6]] as const) {
      keys[name] = node.privateKey(index);
      address[name] = node.writer(index).account.address;
    }
    writeFileSync(join(dir, "spec.json"), SPEC);
  });
  afterAll(async () => {
    await node?.stop();
  });

  it("lists the role groups, and every command has --help with an example", async () => {
    const help = await tender(["--help"]);
    expect(help.code).toBe(0);
    for (const group of ["job", "bid", "supplier", "arbitrator", "account", "agent", "withdraw", "balance", "deploy"]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, "m"));
    }
    const listed = [...help.stdout.matchAll(/^ {2}([a-z]+(?: [a-z-]+)?) {2,}/gm)].map((m) => m[1]);
    expect(listed).toEqual(commands.map((c) => c.path.join(" ")));
    // The list --help and the dispatcher read without loading any command says what each command's own file does.
    const loaded = await loadCommands();
    expect(commands.map((c) => ({ path: c.path, summary: c.summary, valued: c.valued }))).toEqual(
      loaded.map((c) => ({ path: c.path, summary: c.summary, valued: Object.entries(c.options).filter(([, o]) => o.type === "string").map(([name]) => name) })),
    );
    for (const command of loaded) {
      const text = commandHelp(command);
      expect(text, command.path.join(" ")).toMatch(/Examples:\n {2}tender /);
      for (const example of command.examples) expect(example).toContain(`tender ${command.path.join(" ")}`);
    }
    // --help through the binary, for a command of each group.
    for (const words of [["job", "post"], ["bid", "place"], ["supplier", "show"], ["arbitrator", "rule"], ["account", "new"], ["agent", "run"], ["withdraw"]]) {
      const run = await tender([...words, "--help"]);
      expect(run.code, words.join(" ")).toBe(0);
      expect(run.stdout).toContain(`Usage: tender ${words.join(" ")}`);
    }
    const group = await tender(["bid"]);
    expect(group.stdout).toContain("tender bid place");
    await refused(["job", "frobnicate"], 2, /unknown command: tender job frobnicate/);
  });

  it("does a whole job from the command line: deploy, accounts, RFQ, bids, award, delivery, dispute, ruling", async () => {
    const deployed = await ok<sdk.Deployment>(["deploy", "--mock-token"], { key: "deployer" });
    expect(deployed.escrow).toMatch(/^0x/);

    // The arbitrator keeps its key in the encrypted keystore: imported from stdin, never in argv.
    const password = { TENDER_PASSWORD: "correct horse battery" };
    const imported = await ok(["account", "import", "judge"], { input: `${keys.arbitrator}\n`, env: password });
    expect(imported.address).toBe(address.arbitrator);
    const listed = await tender(["account", "list"]);
    expect(listed.stdout).toContain(address.arbitrator!);
    expect(listed.stdout).not.toContain(keys.arbitrator!.slice(2));
    const judge = { env: { ...password, TENDER_ACCOUNT: "judge" } };
    await ok(["arbitrator", "register", "--fee", "2%", "--rule-window", "3d", "--terms", "https://arbiter.example/terms"], judge);

    await ok(["supplier", "register", "--profile", "https://agents.example/sorter.json"], { key: "supplier" });
    const posted = await ok<{ jobId: string }>(
      ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--max-price", "0.1", "--bid-window", "2h", "--bond", "10%"],
      { key: "buyer" },
    );
    const jobId = posted.jobId;
    await ok(["bid", "place", jobId, "--price", "0.08"], { key: "supplier" });
    await ok(["bid", "place", jobId, "--price", "0.09"], { key: "rival" });
    await ok(["bid", "improve", jobId, "--price", "0.075"], { key: "supplier" });
    const bids = await ok<{ supplier: string; price: string; best: boolean }[]>(["bid", "list", jobId]);
    expect(bids.map((b) => [b.supplier, b.price, b.best])).toEqual([
      [address.supplier, String(parseEther("0.075")), true],
      [address.rival, String(parseEther("0.09")), false],
    ]);
    const shown = await tender(["job", "show", jobId]);
    expect(shown.stdout).toMatch(/status\s+Open/);
    expect(shown.stdout).toMatch(/bond\s+10% of the maximum \(0\.01 ETH\)/);
    expect(shown.stdout).toMatch(/★\s+0x[0-9a-fA-F]{40}\s+0\.075 ETH/);

    await refused(["job", "award", jobId], 3, /BiddingOpen: Job \d+ takes bids until/, { key: "buyer" });
    await advance(2 * 3_600 + 1);
    expect((await ok(["job", "award", jobId], { key: "buyer" })).status).toBe("Awarded");
    await ok(["bid", "reclaim", jobId], { key: "rival" });
    writeFileSync(join(dir, "out.txt"), "a\nb\nc\n");
    expect((await ok(["job", "deliver", jobId, "--file", join(dir, "out.txt")], { key: "supplier" })).status).toBe("Delivered");

    const buyerBefore = await node.reader.getBalance({ address: address.buyer! });
    expect((await ok(["job", "dispute", jobId, "--statement", "ipfs://statement"], { key: "buyer" })).status).toBe("Disputed");
    await ok(["job", "respond", jobId, "--response", "ipfs://answer"], { key: "supplier" });
    await ok(["job", "evidence", jobId, "--uri", "ipfs://logs"], { key: "supplier" });
    const docket = await tender(["arbitrator", "disputes"], judge);
    expect(docket.stdout).toContain(`Job ${jobId} — Disputed, awaiting your ruling`);
    expect(docket.stdout).toContain("evidence from");
    const ruled = await ok<{ status: string; settlement: { toBuyer: string; toSupplier: string; toArbitrator: string; arbitrationFee: string } }>(
      ["arbitrator", "rule", jobId, "--buyer-share", "70%", "--reason", "output not sorted"],
      judge,
    );
    expect(ruled.status).toBe("Settled");
    // 70% of 0.075 ETH, the buyer's 2% fee back and the supplier's 0.01 ETH bond to the buyer; the supplier's fee to
    // the arbitrator.
    expect(ruled.settlement).toMatchObject({ toBuyer: String(parseEther("0.0525") + parseEther("0.0015") + parseEther("0.01")), toArbitrator: String(parseEther("0.0015")), arbitrationFee: String(parseEther("0.0015")) });

    // 70% of 0.075 ETH back to the buyer, less the gas of dispute: the ruling's money really moved.
    const buyerAfter = await node.reader.getBalance({ address: address.buyer! });
    expect(buyerAfter - buyerBefore).toBeGreaterThan(parseEther("0.05"));
    const record = await ok<{ record: { disputesFaced: number; disputesLost: number } }>(["supplier", "show", address.supplier!]);
    expect(record.record).toMatchObject({ disputesFaced: 1, disputesLost: 1 });
    const listedJobs = await ok<{ jobId: string; status: string }[]>(["job", "list", "--status", "settled"]);
    expect(listedJobs.map((j) => j.jobId)).toContain(jobId);
  });

  it("runs a sealed-bid RFQ: commit (the opening saved), reveal from it, award the lowest revealed, forfeit the unrevealed", async () => {
    const openings = { TENDER_OPENINGS_DIR: join(dir, "openings") };
    await refused(
      ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--max-price", "0.1", "--mode", "sealed", "--bond", "1%"],
      2, /--bond: Sealed bids need a bond of at least 5%/, { key: "buyer" },
    );
    const posted = await ok<{ jobId: string; mode: string }>(
      ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--max-price", "0.1", "--mode", "sealed", "--bid-window", "2h", "--reveal-window", "1h", "--bond", "10%"],
      { key: "buyer" },
    );
    expect(posted.mode).toBe("sealed");
    const jobId = posted.jobId;
    await refused(["bid", "place", jobId, "--price", "0.05"], 3, /WrongAwardMode: Job \d+ takes sealed bids/, { key: "supplier" });
    const committed = await ok<{ commit: number }>(["bid", "commit", jobId, "--price", "0.07"], { key: "supplier", env: openings });
    expect(committed.commit).toBe(1);
    await ok(["bid", "commit", jobId, "--price", "0.06"], { key: "rival", env: openings });
    const sealedList = await ok<{ sealed: boolean; price: string }[]>(["bid", "list", jobId]);
    expect(sealedList.map((b) => b.price)).toEqual(["0", "0"]); // no price on chain before the reveals

    await refused(["bid", "reveal", jobId], 3, /BiddingOpen/, { key: "supplier", env: openings });
    await advance(2 * 3_600 + 1);
    const revealed = await ok<{ price: string }>(["bid", "reveal", jobId], { key: "supplier", env: openings });
    expect(revealed.price).toBe(String(parseEther("0.07")));
    await refused(["bid", "reveal", jobId], 2, /no saved opening/, { key: "supplier", env: openings }); // spent and forgotten
    await refused(["job", "award", jobId], 3, /RevealOpen: Job \d+'s sealed bids are still being revealed/, { key: "buyer" });
    await advance(3_600);
    // The rival never revealed its lower price: the revealed one wins, and the rival's bond goes to the buyer.
    expect((await ok(["job", "award", jobId], { key: "buyer" })).status).toBe("Awarded");
    await refused(["bid", "reclaim", jobId], 3, /BondForfeit: .* was never revealed/, { key: "rival" });
    const forfeited = await ok<{ bond: string }>(["bid", "forfeit", jobId, address.rival!], { key: "buyer" });
    expect(forfeited.bond).toBe(String(parseEther("0.01")));
    const job = await sdk.readJob(node.reader, { escrow: sdk.readDeployment(31337, dir).escrow, jobId: BigInt(jobId) });
    expect([job.supplier, job.price]).toEqual([address.supplier, parseEther("0.07")]);
  });

  it("pays with an ERC-20: approvals handled, amounts in token units, a confirm with a rating", async () => {
    const deployment = sdk.readDeployment(31337, dir);
    const deployer = node.writer(0);
    await sdk.waitForSuccess(node.reader, await sdk.mintMock(deployer, { token: deployment.stablecoin!, to: address.buyer!, amount: parseUnits("1000", 6) }));
    const posted = await ok<{ jobId: string }>(
      ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "mUSD", "--supplier", address.supplier!, "--price", "12.5"],
      { key: "buyer" },
    );
    await ok(["job", "deliver", posted.jobId, "--uri", "ipfs://work", "--hash", sdk.specHash("work")], { key: "supplier" });
    await ok(["job", "confirm", posted.jobId, "--rating", "5"], { key: "buyer" });
    const balance = await tender(["balance", address.supplier!]);
    expect(balance.stdout).toMatch(/mUSD\s+12\.375 mUSD/); // 12.5 less the 1% protocol fee
  });

  it("relays a delivery the supplier signed: `tender relay` pays the gas, the supplier sends nothing", async () => {
    const posted = await ok<{ jobId: string }>(
      ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--supplier", address.supplier!, "--price", "0.001"],
      { key: "buyer" },
    );
    const port = await freePort();
    const relay = spawn(process.execPath, ["scripts/cli/tender.ts", "relay", "--port", String(port)], {
      env: { ...process.env, ...env, TENDER_PRIVATE_KEY: keys.rival! },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let relayOut = "";
    relay.stdout.on("data", (chunk: Buffer) => (relayOut += chunk.toString()));
    relay.stderr.on("data", (chunk: Buffer) => (relayOut += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => relay.on("exit", resolve));
    try {
      for (let i = 0; !/relaying for/.test(relayOut); i++) {
        if (i > 300) throw new Error(`the relayer did not start:\n${relayOut}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const supplierTxs = await node.reader.getTransactionCount({ address: address.supplier! });
      await refused(["job", "deliver", posted.jobId, "--uri", "ipfs://work", "--hash", sdk.specHash("work"), "--relay", "ftp://nowhere"], 2, /--relay: give relayer URLs/, { key: "supplier" });
      const url = `http://127.0.0.1:${port}`;
      const delivered = await ok<{ status: string; transactionHash: string }>(
        ["job", "deliver", posted.jobId, "--uri", "ipfs://work", "--hash", sdk.specHash("work"), "--relay", url],
        { key: "supplier" },
      );
      expect(delivered.status).toBe("Delivered");
      expect(await node.reader.getTransactionCount({ address: address.supplier! })).toBe(supplierTxs);
      const tx = await node.reader.getTransaction({ hash: delivered.transactionHash as `0x${string}` });
      expect(tx.from.toLowerCase()).toBe(address.rival!.toLowerCase()); // the relayer sent it
      // The same delivery again: the relayer refuses it by name, nothing is sent.
      await refused(["job", "deliver", posted.jobId, "--uri", "ipfs://work", "--hash", sdk.specHash("work"), "--relay", url], 3, /is Delivered|is spent/, { key: "supplier" });
    } finally {
      relay.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(relayOut).toMatch(/carried deliver for 0x[0-9a-fA-F]{40}/);
  });

  it("holds part of a payment under warranty: claim, answer, ruling; another job released once its warranty ends", async () => {
    const hire = ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--supplier", address.supplier!, "--price", "0.1", "--holdback", "20%"];
    const deliverAndConfirm = async (jobId: string) => {
      await ok(["job", "deliver", jobId, "--uri", "ipfs://work", "--hash", sdk.specHash("work")], { key: "supplier" });
      await ok(["job", "confirm", jobId, "--rating", "4"], { key: "buyer" });
    };
    const claimed = await ok<{ jobId: string; warranty: sdk.Warranty }>([...hire, "--warranty", "30d"], { key: "buyer" });
    expect(claimed.warranty).toEqual({ holdbackBps: 2_000, warrantyWindow: 30 * sdk.DAY, holdBond: false });
    await deliverAndConfirm(claimed.jobId);
    const shown = await tender(["job", "show", claimed.jobId], { key: "buyer" });
    expect(shown.stdout).toMatch(/holdback\s+20% of the payment held under a 30 d warranty/);
    expect(shown.stdout).toMatch(/Warranty:\n\s+terms\s+20% of the payment.*\n\s+held\s+0\.02 ETH\n\s+warranty ends\s+in 30 d .*\n\s+claim\s+none filed; a claim costs each side 0\.0004 ETH/);
    expect(shown.stdout).toMatch(/What 0x[0-9a-fA-F]{40} can do now:\n {2}claim — until in 30 d .*\n {2}waive\n/);

    const claim = await tender(["job", "claim", claimed.jobId, "--amount", "0.015", "--statement", "ipfs://claim"], { key: "buyer" });
    expect(claim.code, claim.stderr).toBe(0);
    expect(claim.stdout).toMatch(/^Claimed 0\.015 ETH of job \d+'s held share: you paid the claim fee, 0\.0004 ETH/);
    await ok(["job", "answer-claim", claimed.jobId, "--response", "ipfs://answer"], { key: "supplier" });
    // The arbitrator's docket lists the answered claim, waiting for its ruling.
    const docket = await ok<{ claims: { jobId: string; state: string; awaiting: string; asked: string }[] }>(["arbitrator", "disputes"], { key: "arbitrator" });
    expect(docket.claims).toContainEqual(expect.objectContaining({ jobId: claimed.jobId, state: "answered", awaiting: "your ruling", asked: String(parseEther("0.015")) }));
    const ruled = await ok<{ heldSettled: { outcome: string; toBuyer: string; toSupplier: string; toArbitrator: string } }>(
      ["arbitrator", "rule-claim", claimed.jobId, "--buyer-share", "70%", "--reason", "broke after delivery"],
      { key: "arbitrator" },
    );
    // 70% of the 0.015 ETH asked and the buyer's fee back; the rest of the 0.02 ETH held to the supplier less 1%.
    expect(ruled.heldSettled).toEqual({ outcome: "Ruled", toBuyer: String(parseEther("0.0105") + parseEther("0.0004")), toSupplier: String(parseEther("0.009405")), toArbitrator: String(parseEther("0.0004")), protocolFee: String(parseEther("0.000095")), supplierGross: String(parseEther("0.0095")) });

    const released = await ok<{ jobId: string }>([...hire, "--warranty", "2d"], { key: "buyer" });
    await deliverAndConfirm(released.jobId);
    await refused(["job", "release", released.jobId], 3, /DeadlineNotReached/, { key: "rival" });
    expect((await tender(["dev", "advance", "2d"])).code).toBe(0);
    const release = await tender(["job", "release", released.jobId], { key: "rival" });
    expect(release.code, release.stderr).toBe(0);
    expect(release.stdout).toMatch(/^Job \d+'s held share released to the supplier\. Paid out:\n {2}buyer +0 ETH\n {2}supplier +0\.0198 ETH \(0\.02 ETH of the held share, less the protocol fee\)/);

    // Bad warranty inputs: refused before anything is sent.
    await refused([...hire, "--holdback", "60%", "--warranty", "30d"], 2, /--holdback: Give a share from 0% to 50%; 60% \(6000 bps\) is not\./, { key: "buyer" });
    await refused([...hire], 2, /--warranty: Choose a window from 1 h to 365 d/, { key: "buyer" });
    await refused([...hire, "--warranty", "3d", "--hold-bond"], 2, /--hold-bond does not apply to a direct hire/, { key: "buyer" });
    await refused(["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH", "--max-price", "1", "--hold-bond"], 2, /--hold-bond: A bond can be held only with a holdback/, { key: "buyer" });
    await refused(["job", "claim", released.jobId, "--amount", "abc", "--statement", "ipfs://claim"], 2, /--amount: "abc" is not an amount/, { key: "buyer" });
    await refused(["job", "waive", released.jobId], 3, /NothingHeld: Nothing is held on job \d+/, { key: "buyer" });
  });

  it("pays in milestones: a schedule inline or from a file, show, deliver and confirm each milestone, the rating on the last", async () => {
    const base = ["job", "post", "--spec", join(dir, "spec.json"), "--arbitrator", address.arbitrator!, "--token", "ETH"];
    const hire = [...base, "--supplier", address.supplier!, "--price", "1"];
    // Bad schedules: refused before anything is sent.
    await refused([...hire, "--milestones", "30%:2d,60%:5d"], 2, /--milestones: the shares must sum to 100% \(10,000 bps\), not 90%/, { key: "buyer" });
    await refused([...hire, "--milestones", "30%:2d,70%:5d", "--delivery-window", "1d"], 2, /--delivery-window \(1 d\) conflicts with --milestones: .* first milestone's window \(2 d\)/, { key: "buyer" });
    await refused([...hire, "--milestones", "30%-2d,70%:5d"], 2, /--milestones: milestone 1 \("30%-2d"\) is not SHARE:WINDOW/, { key: "buyer" });
    await refused([...hire, "--milestones", "100%:1d"], 2, /--milestones: a job is paid in 2 to 8 milestones, not 1/, { key: "buyer" });

    const posted = await ok<{ jobId: string; milestones: sdk.Milestone[]; deliverBy: number }>([...hire, "--milestones", "20%:1d,30%:2d,50%:3d"], { key: "buyer" });
    expect(posted.milestones).toEqual([{ shareBps: 2_000, deliveryWindow: sdk.DAY }, { shareBps: 3_000, deliveryWindow: 2 * sdk.DAY }, { shareBps: 5_000, deliveryWindow: 3 * sdk.DAY }]);
    const jobId = posted.jobId;
    let shown = await tender(["job", "show", jobId]);
    expect(shown.stdout).toMatch(/Milestones \(milestone 1 of 3 in progress\):\n {2}▶ 1\. +20% +0\.2 ETH +1 d +in progress: awarded — deliver by in 1 d .*\n {4}2\. +30% +0\.3 ETH +2 d +to come\n {4}3\. +50% +0\.5 ETH +3 d +to come\n/);

    const deliver = (milestone?: string) => ["job", "deliver", jobId, "--uri", "ipfs://part", "--hash", sdk.specHash("part"), ...(milestone ? ["--milestone", milestone] : [])];
    await refused(deliver("2"), 2, /--milestone 2: job \d+'s milestone in progress is 1 of 3; nothing was sent/, { key: "supplier" });
    expect((await tender(deliver("1"), { key: "supplier" })).stdout).toMatch(/^Delivered milestone 1 of 3 of job \d+/);
    await refused(["job", "confirm", jobId, "--rating", "5"], 2, /--rating: milestone 1 of 3 is not the last; the work is rated when you confirm the last milestone/, { key: "buyer" });
    const first = await tender(["job", "confirm", jobId], { key: "buyer" });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Confirmed milestone 1 of 3 \(0\.2 ETH gross, 0\.198 ETH paid to the supplier now\), with rating 0: the rating is given when you confirm the last milestone\.\nJob \d+ is now Awarded\. Milestone 2 is due in 2 d/);

    await ok(deliver(), { key: "supplier" });
    shown = await tender(["job", "show", jobId], { key: "buyer" });
    expect(shown.stdout).toMatch(/Milestones \(milestone 2 of 3 delivered\):\n {4}1\. +20% +0\.2 ETH +1 d +settled\n {2}▶ 2\. +30% +0\.3 ETH +2 d +in progress: delivered — review ends in 1 d .*\n {4}3\. .*to come\n/);
    expect(shown.stdout).toMatch(/ {2}confirm — until .*\(This confirms milestone 2 of 3 with rating 0/);
    await ok(["job", "confirm", jobId], { key: "buyer" });
    await ok(deliver("3"), { key: "supplier" });
    await refused(["job", "confirm", jobId], 2, /--rating: milestone 3 of 3 is the last: rate the work from 1 to 5/, { key: "buyer" });
    const last = await tender(["job", "confirm", jobId, "--rating", "5"], { key: "buyer" });
    expect(last.stdout).toMatch(/^Confirmed the last milestone \(milestone 3 of 3\) \(0\.5 ETH gross, 0\.495 ETH paid to the supplier now\)\. Job \d+ is now Settled\./);
    const done = await ok<{ milestones: { milestones: { stage: string }[] } }>(["job", "show", jobId]);
    expect(done.milestones.milestones.map((m) => m.stage)).toEqual(["settled", "settled", "settled"]);

    // With a holdback each milestone's held share has its own warranty: shown per milestone, released by --milestone.
    const held = (await ok<{ jobId: string }>([...hire, "--milestones", "50%:1d,50%:1d", "--holdback", "20%", "--warranty", "2d"], { key: "buyer" })).jobId;
    for (const rating of [[], ["--rating", "4"]]) {
      await ok(["job", "deliver", held, "--uri", "ipfs://part", "--hash", sdk.specHash("part")], { key: "supplier" });
      await ok(["job", "confirm", held, ...rating], { key: "buyer" });
    }
    expect((await tender(["job", "show", held])).stdout).toMatch(/Warranty, milestone 1:\n\s+terms\s+20% of the payment.*\n\s+held\s+0\.1 ETH\n[\s\S]*Warranty, milestone 2:\n\s+terms.*\n\s+held\s+0\.1 ETH\n/);
    expect((await tender(["dev", "advance", "2d"])).code).toBe(0);
    await refused(["job", "release", held], 2, /--milestone: job \d+ holds shares of milestones 1, 2; say which/, { key: "rival" });
    await refused(["job", "release", held, "--milestone", "3"], 2, /--milestone: job \d+ has milestones 1 to 2, not 3/, { key: "rival" });
    expect((await tender(["job", "release", held, "--milestone", "2"], { key: "rival" })).stdout).toMatch(/^Job \d+ \(milestone 2\)'s held share released to the supplier\. Paid out:\n {2}buyer +0 ETH\n {2}supplier +0\.099 ETH/);
    expect((await tender(["job", "release", held], { key: "rival" })).stdout).toMatch(/^Job \d+ \(milestone 1\)'s held share released/); // the only one left holding

    // An RFQ in milestones, its schedule from a file: the amounts are of the maximum price until the award.
    writeFileSync(join(dir, "milestones.json"), JSON.stringify([{ share: "40%", deliveryWindow: "2d" }, { share: "60%", deliveryWindow: "4d" }]));
    const rfq = await ok<{ jobId: string; milestones: sdk.Milestone[] }>([...base, "--max-price", "2", "--milestones", `@${join(dir, "milestones.json")}`], { key: "buyer" });
    expect(rfq.milestones).toEqual([{ shareBps: 4_000, deliveryWindow: 2 * sdk.DAY }, { shareBps: 6_000, deliveryWindow: 4 * sdk.DAY }]);
    expect((await tender(["job", "show", rfq.jobId])).stdout).toMatch(/Milestones \(2 milestones, the first due from the award; amounts of the maximum price until the award\):\n {4}1\. +40% +0\.8 ETH +2 d +to come/);
  });

  it("refuses bad inputs with a clear message and a non-zero exit, sending nothing", async () => {
    const spec = join(dir, "spec.json");
    const arbitrator = address.arbitrator!;
    const post = ["job", "post", "--spec", spec, "--arbitrator", arbitrator, "--token", "ETH"];
    // usage and input errors (exit 2)
    await refused([...post, "--max-price", "abc"], 2, /--max-price: "abc" is not an amount/, { key: "buyer" });
    await refused([...post, "--max-price", "1.1234567", "--token", "mUSD"], 2, /mUSD has 6 decimals/, { key: "buyer" });
    await refused([...post, "--max-price", "1", "--bid-window", "10m"], 2, /--bid-window: 10 min is outside 1 h – 365 d/, { key: "buyer" });
    await refused([...post], 2, /give --max-price for an RFQ, or --supplier with --price/, { key: "buyer" });
    await refused(["job", "post", "--arbitrator", arbitrator, "--token", "ETH", "--max-price", "1"], 2, /--spec is required/, { key: "buyer" });
    await refused(["job", "post", "--spec", spec, "--arbitrator", arbitrator, "--max-price", "1"], 2, /--token is required/, { key: "buyer" });
    await refused([...post, "--supplier", address.supplier!, "--price", "1", "--bond", "10%"], 2, /--bond does not apply to a direct hire/, { key: "buyer" });
    await refused([...post, "--max-price", "1", "--price", "1"], 2, /--price does not apply to an RFQ/, { key: "buyer" });
    await refused(["arbitrator", "rule", "1", "--buyer-share", "0.7", "--reason", "x"], 2, /--buyer-share: "0\.7" is not a percentage with its unit/, { key: "arbitrator" });
    writeFileSync(join(dir, "bad.json"), '{"version":1,"title":"x","category":"text"}');
    await refused(["job", "post", "--spec", join(dir, "bad.json"), "--arbitrator", arbitrator, "--token", "ETH", "--max-price", "1"], 2, /spec\.task/, { key: "buyer" });
    // A spec with two problems: both are shown, a line each.
    writeFileSync(join(dir, "two.json"), '{"version":1,"title":" ","category":"text","task":"t","acceptence":[]}');
    await refused(
      ["job", "post", "--spec", join(dir, "two.json"), "--arbitrator", arbitrator, "--token", "ETH", "--max-price", "1"],
      2,
      /error: 2 problems \(nothing was sent\):\n {2}spec\.title: Give the job a title\.\n {2}spec\.acceptence: "acceptence" is not a field of a job spec \(did you mean "acceptance"\?\)/,
      { key: "buyer" },
    );
    await refused([...post, "--max-price", "1", "--bond", "150%"], 2, /--bond: 150% is above 100%/, { key: "buyer" });
    await refused(["job", "confirm", "1", "--rating", "6"], 2, /--rating: "6" is not a whole number from 1 to 5/, { key: "buyer" });
    await refused(["job", "show", "zero"], 2, /job id must be a positive whole number/);
    await refused(["bid", "place", "1", "--price", "1", "--bogus"], 2, /Unknown option '--bogus'/, { key: "supplier" });
    await refused([...post, "--supplier", "0x1234", "--price", "1"], 2, /--supplier: "0x1234" is not an address/, { key: "buyer" });
    await refused(["job", "deliver", "1", "--uri", "ipfs://x"], 2, /give --file, or --uri with --hash/, { key: "supplier" });
    await refused([...post, "--max-price", "1"], 2, /pass --account NAME .* or set TENDER_PRIVATE_KEY/);
    await refused(["job", "confirm", "1", "--rating", "5"], 2, /wrong password/, { env: { TENDER_ACCOUNT: "judge", TENDER_PASSWORD: "not it at all" } });
    // refused by the contract, decoded, before anything is sent (exit 3)
    const posted = await ok<{ jobId: string }>([...post, "--max-price", "0.1", "--min-completed", "5"], { key: "buyer" });
    await refused(["bid", "place", posted.jobId, "--price", "0.05"], 3, /RecordFloorNotMet: Job \d+ requires minCompleted of 5; your record has 0/, { key: "rival" });
    await refused(["bid", "place", posted.jobId, "--price", "0.5"], 2, /above job \d+'s maximum of 0\.1 ETH/, { key: "rival" });
    await refused(["job", "confirm", posted.jobId, "--rating", "4"], 3, /WrongStatus: Job \d+ is Open; this needs it Delivered/, { key: "buyer" });
    await refused(["withdraw"], 3, /nothing to withdraw/, { key: "rival" });
    // An ERC-20 bond: the escrow's refusal is found before the approval, so not even an approval is sent.
    const deployment = sdk.readDeployment(31337, dir);
    await sdk.waitForSuccess(node.reader, await sdk.mintMock(node.writer(0), { token: deployment.stablecoin!, to: address.rival!, amount: parseUnits("100", 6) }));
    const bonded = await ok<{ jobId: string }>(
      ["job", "post", "--spec", spec, "--arbitrator", arbitrator, "--token", "mUSD", "--max-price", "50", "--bond", "10%", "--min-ratings", "3"],
      { key: "buyer" },
    );
    await refused(["bid", "place", bonded.jobId, "--price", "40"], 3, /RecordFloorNotMet: Job \d+ requires minRatings of 3; your record has 0/, { key: "rival" });
    await refused(["bid", "place", bonded.jobId, "--price", "0"], 2, /--price: Give an amount above zero/, { key: "rival" });
    // not found (exit 5), unreachable (exit 4)
    await refused(["job", "show", "999"], 5, /there is no job 999/);
    await refused(["job", "post", "--spec", join(dir, "missing.json"), "--arbitrator", arbitrator, "--token", "ETH", "--max-price", "1"], 5, /cannot read/, { key: "buyer" });
    await refused(["job", "show", "1", "--rpc", "http://127.0.0.1:1"], 4, /cannot reach the chain at http:\/\/127\.0\.0\.1:1/);
    // Amounts in token units, durations in words, options by their names (exit 2, nothing sent).
    const mUSD = ["job", "post", "--spec", spec, "--arbitrator", arbitrator, "--token", "mUSD"];
    const huge = await refused([...mUSD, "--max-price", "99999999999999999999999999"], 2, /--max-price: "99999999999999999999999999" is above the largest amount the escrow holds/, { key: "buyer" });
    expect(huge.stderr).not.toMatch(/2\^96|maxPrice/);
    const negative = await refused([...post, "--max-price", "-5"], 2, /--max-price: "-5" is not an amount/, { key: "buyer" });
    expect(negative.stderr).not.toMatch(/ambiguous/);
    await refused([...post, "--max-prise", "1"], 2, /Unknown option '--max-prise': did you mean --max-price\?/, { key: "buyer" });
    await refused([...post, "--max-price", "1", "--bid-window", "400d"], 2, /--bid-window: 400 d is outside 1 h – 365 d/, { key: "buyer" });
    const bigId = "9".repeat(80);
    await refused(["job", "show", bigId], 2, /too large to be a job id/);
    await refused(["job", "award", bigId], 2, /too large to be a job id/, { key: "buyer" });
    await refused(["job", "show", "1", "--rpc", "notaurl"], 2, /--rpc: "notaurl" is not a URL/);
    await refused(["job", "show", "1"], 2, /TENDER_RPC_URL: "127\.0\.0\.1:8545" is not a URL/, { env: { TENDER_RPC_URL: "127.0.0.1:8545" } });
    // Global options may come before the command.
    const shown = await tender(["--rpc", node.rpcUrl, "job", "show", posted.jobId, "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
  });
  it("prints a job's inputs, and settles an unanswered dispute by default, saying who got what", async () => {
    const example = "examples/specs/free-text.json";
    const posted = await ok<{ jobId: string }>(["job", "post", "--spec", example, "--arbitrator", address.arbitrator!, "--token", "ETH", "--supplier", address.supplier!, "--price", "0.1"], { key: "buyer" });
    const shown = await tender(["job", "show", posted.jobId]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("Inputs:\n  changes (text/plain), inline:\n    | The CLI finds the chain npm start runs.\n");
    expect(shown.stdout).toContain("  style-guide (text/markdown): fetch from https://example.org/style/release-notes.md");

    await ok(["job", "deliver", posted.jobId, "--file", "examples/deliveries/release-notes.txt"], { key: "supplier" });
    const disputed = await tender(["job", "dispute", posted.jobId, "--statement", "https://buyer.example/statement.json"], { key: "buyer" });
    expect(disputed.code, disputed.stderr).toBe(0);
    expect(disputed.stdout).toMatch(/^Disputed job \d+: you paid the arbitration fee, 0\.002 ETH \(the arbitrator's 2% of the price; refunded if the ruling goes your way\)\.\nThe supplier must answer, paying the same fee, in /);
    await refused(["arbitrator", "settle", posted.jobId], 3, /DeadlineNotReached/, { key: "buyer" });
    const advanced = await tender(["dev", "advance", "30d"]);
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(advanced.stdout).toMatch(/^Advanced the chain's clock by 30 d: block \d+, chain time /);
    const settled = await tender(["arbitrator", "settle", posted.jobId], { key: "buyer" });
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.stdout).toMatch(/^Settled by default: the supplier never answered, so the buyer gets the whole price back\. Job \d+ is now Settled\.\nPaid out:\n {2}buyer +0\.102 ETH = 0\.1 ETH \(100% of the price\) \+ 0\.002 ETH \(its arbitration fee back\)\n {2}supplier +0 ETH\n {2}arbitrator +0 ETH: nothing/);
    const mined = await tender(["dev", "mine", "2", "--json"]);
    expect(mined.code, mined.stderr).toBe(0);
    await refused(["dev", "advance", "soon"], 2, /<duration>: "soon" is not a duration/);
  });

  it("says what is wrong with an endpoint that is not a chain, and keeps dev commands off real chains", async () => {
    // A web page, a JSON-RPC server that is no chain, and a "mainnet" (chain id 1) that is not a development node.
    const servers: Server[] = [];
    const serve = async (answer: (method: string) => { status?: number; type: string; body: string }) => {
      const server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          const method = (() => { try { return (JSON.parse(body) as { method: string }).method; } catch { return ""; } })();
          const reply = answer(method);
          res.writeHead(reply.status ?? 200, { "content-type": reply.type });
          res.end(reply.body);
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const rpc = (result: unknown) => ({ type: "application/json", body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...(result === undefined ? { error: { code: -32601, message: "Method not found" } } : { result }) }) });
    try {
      const web = await serve(() => ({ type: "text/html; charset=utf-8", body: "<!doctype html><p>hello" }));
      const notChain = await serve(() => rpc(undefined));
      const mainnet = await serve((method) => rpc(method === "eth_chainId" ? "0x1" : method === "eth_blockNumber" ? "0x10" : undefined));
      await refused(["job", "show", "1", "--rpc", web], 4, /is not an Ethereum chain's JSON-RPC endpoint: it answers HTTP 200 with text\/html, not JSON-RPC/);
      await refused(["job", "show", "1", "--rpc", notChain], 4, /is not an Ethereum chain's JSON-RPC endpoint: its eth_chainId failed: Method not found/);
      await refused(["dev", "advance", "2h", "--rpc", mainnet], 2, /tender dev advance works only on a development chain .*chain id 1\) does not, so nothing was sent/);
      await refused(["dev", "mine", "--rpc", mainnet], 2, /tender dev mine works only on a development chain/);
    } finally {
      for (const server of servers) server.close();
    }
  });
});
