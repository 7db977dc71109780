// The "Post a job" form as data: good forms give the SDK's exact parameters and a spec the published schema takes;
// each bad field gives its own sentence (the SDK's, or what the form could not read) at its own key, all at once.
import { type Address, encodeAbiParameters, encodeEventTopics, keccak256, parseEther, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import { parseSpec } from "@tender/sdk/spec";
import type { TokenInfo } from "./format.ts";
import { type DurationUnit, type PostForm, buildSpec, checkPostForm, emptyForm, emptyInput, emptyMilestone, emptyRule, formKey, postedJobId, startMilestones } from "./post-form.ts";

const ESCROW: Address = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const ARBITRATOR: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const SUPPLIER: Address = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const BUYER: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const ATTESTOR: Address = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
const MUSD: TokenInfo = { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 };
const ETH: TokenInfo = { address: "0x0000000000000000000000000000000000000000", symbol: "ETH", decimals: 18 };
const TOKENS = [ETH, MUSD];
const NOW = 1_795_889_225;
const ctx = { escrow: ESCROW, now: NOW, tokens: TOKENS };

/** A complete RFQ in ETH: a spec with one input and two rules, floors, a metric floor. */
function goodRfq(): PostForm {
  return {
    ...emptyForm(),
    title: "Sort these lines",
    category: "code",
    task: "Sort the lines of the input.",
    inputs: [{ ...emptyInput(), name: "input", value: "b\na\n" }],
    rules: [
      { ...emptyRule([]), id: "same", description: "Same lines", kind: "sameLinesAs", value: "input" },
      { ...emptyRule([]), id: "sorted", description: "Sorted", kind: "sortedLines" },
    ],
    maxPrice: "0.5",
    bidWindow: { amount: "2", unit: "h" },
    deliveryWindow: { amount: "1", unit: "d" },
    reviewWindow: { amount: "90", unit: "min" },
    arbitrator: ARBITRATOR,
    defaultBuyerShare: "20",
    minCompleted: "3",
    minVolume: "1.25",
    maxLossShare: "25",
    minRating: "4.5",
    minRatings: "2",
    bond: "10",
    metrics: [{ attestor: ATTESTOR, metric: "benchmark.swe-bench", comparison: "atLeast", threshold: "60" }],
  };
}

const SPEC_TEXT =
  '{"version":1,"title":"Sort these lines","category":"code","task":"Sort the lines of the input.",' +
  '"inputs":[{"name":"input","text":"b\\na\\n"}],' +
  '"acceptance":[{"id":"same","description":"Same lines","sameLinesAs":"input"},{"id":"sorted","description":"Sorted","sortedLines":true}],' +
  '"deliverable":{"mediaType":"text/plain","via":"uri"}}';

function errorsOf(form: PostForm, context = ctx) {
  const checked = checkPostForm(form, context);
  if (checked.ok) throw new Error("expected the form to be refused");
  return checked.errors;
}

function planOf(form: PostForm, context: Parameters<typeof checkPostForm>[1] = ctx) {
  const checked = checkPostForm(form, context);
  if (!checked.ok) throw new Error(`expected the form to pass: ${JSON.stringify(checked.errors)}`);
  return checked.plan;
}

describe("checkPostForm: good forms", () => {
  it("turns an RFQ in ETH into the exact RFQParams (bid deadline from the chain's now, metric ids as the CLI makes them)", () => {
    const plan = planOf(goodRfq());
    expect(plan.kind).toBe("rfq");
    expect(plan.params).toEqual({
      escrow: ESCROW,
      token: ETH.address,
      maxPrice: parseEther("0.5"),
      bidDeadline: NOW + 7_200,
      awardWindow: 0,
      deliveryWindow: 86_400,
      reviewWindow: 5_400,
      mode: 0,
      arbitrator: ARBITRATOR,
      defaultBuyerShareBps: 2_000,
      warranty: { holdbackBps: 0, warrantyWindow: 0, holdBond: false },
      category: "code",
      floors: {
        minCompleted: 3,
        minVolume: parseEther("1.25"),
        maxLossShareBps: 2_500,
        maxClawbackShareBps: 10_000,
        minAvgRating: 450,
        minRatings: 2,
        bondBps: 1_000,
        metrics: [{ attestor: ATTESTOR, comparison: 0, metric: keccak256(toBytes("benchmark.swe-bench")), threshold: 60n }],
      },
      spec: SPEC_TEXT,
    });
    expect(plan.escrowed).toBe(parseEther("0.5"));
    expect(plan.kind === "rfq" && plan.bond).toBe(parseEther("0.05"));
    expect(plan.kind === "rfq" && plan.metricNames).toEqual(["benchmark.swe-bench"]);
    expect(plan.specHash).toBe(keccak256(toBytes(SPEC_TEXT)));
    // The spec passes the published schema and the SDK's checks beyond it.
    expect(parseSpec(plan.specText, "code")).toEqual(JSON.parse(SPEC_TEXT));
  });

  it("gives a buyer's-choice RFQ its award window and mode, and no floors when left as they are", () => {
    const form = { ...goodRfq(), mode: "choice" as const, awardWindow: { amount: "3", unit: "d" as const } };
    Object.assign(form, { minCompleted: "0", minVolume: "", maxLossShare: "100", minRating: "", minRatings: "0", bond: "0", metrics: [] });
    const plan = planOf(form);
    if (plan.kind !== "rfq") throw new Error("an RFQ");
    expect(plan.params.mode).toBe(1);
    expect(plan.params.awardWindow).toBe(259_200);
    expect(plan.params.floors).toEqual({ minCompleted: 0, minVolume: 0n, maxLossShareBps: 10_000, maxClawbackShareBps: 10_000, minAvgRating: 0, minRatings: 0, bondBps: 0, metrics: [] });
    expect(plan.bond).toBe(0n);
  });

  it("turns a direct hire in a 6-decimal token into the exact DirectHireParams", () => {
    const form: PostForm = { ...goodRfq(), kind: "direct", token: MUSD.address, supplier: SUPPLIER, price: "12.5", maxPrice: "" };
    const plan = planOf(form, { ...ctx, buyer: BUYER });
    expect(plan.kind).toBe("direct");
    expect(plan.params).toEqual({
      escrow: ESCROW,
      supplier: SUPPLIER,
      token: MUSD.address,
      price: 12_500_000n,
      deliveryWindow: 86_400,
      reviewWindow: 5_400,
      arbitrator: ARBITRATOR,
      defaultBuyerShareBps: 2_000,
      warranty: { holdbackBps: 0, warrantyWindow: 0, holdBond: false },
      category: "code",
      spec: SPEC_TEXT,
    });
    expect(plan.token).toEqual(MUSD);
    expect(plan.escrowed).toBe(12_500_000n);
  });

  it("holds back a share under warranty: the window read only with a holdback, the bond held on an RFQ, a clawback floor", () => {
    const form: PostForm = { ...goodRfq(), holdback: "20", warrantyWindow: { amount: "30", unit: "d" }, holdBond: true, maxClawbackShare: "25" };
    const plan = planOf(form);
    if (plan.kind !== "rfq") throw new Error("an RFQ");
    expect(plan.params.warranty).toEqual({ holdbackBps: 2_000, warrantyWindow: 2_592_000, holdBond: true });
    expect(plan.params.floors.maxClawbackShareBps).toBe(2_500);
    // No holdback: no window is sent, whatever the window field says; a direct hire holds no bond.
    expect(planOf({ ...form, holdback: "0", holdBond: false, warrantyWindow: { amount: "x", unit: "d" } }).params.warranty).toEqual({ holdbackBps: 0, warrantyWindow: 0, holdBond: false });
    const direct = planOf({ ...form, kind: "direct", supplier: SUPPLIER, price: "1" }, { ...ctx, buyer: BUYER });
    expect(direct.params.warranty).toEqual({ holdbackBps: 2_000, warrantyWindow: 2_592_000, holdBond: false });
  });

  it("builds every rule kind, and a text.transform job with its operation and input", () => {
    const rule = (kind: PostForm["rules"][number]["kind"], extra: Partial<PostForm["rules"][number]> = {}, i = 0) => ({
      ...emptyRule([]),
      id: `r${i}-${kind}`,
      description: kind,
      kind,
      ...extra,
    });
    const form: PostForm = {
      ...goodRfq(),
      category: "text.transform",
      inputs: [
        { ...emptyInput(), name: "input", value: "b\na\n" },
        { ...emptyInput(), name: "doc", source: "uri", value: " https://example.com/doc.txt ", mediaType: "text/plain" },
      ],
      rules: [
        rule("regex", { value: "^[a-z\\n]*$", flags: "u" }),
        rule("exact", { value: "a\nb\n" }),
        rule("contains", { value: "a\n\nb" }),
        rule("notContains", { value: "TODO" }),
        rule("maxChars", { value: "100" }),
        rule("minChars", { value: "1" }),
        rule("lines", { min: "2", max: "" }),
        rule("sortedLines"),
        rule("sameLinesAs", { value: "input" }),
        rule("uniqueLines"),
        rule("json"),
        rule("jsonSchema", { value: '{"type":"array"}' }),
        rule("command", { value: " npm test " }),
      ],
      deliverableMediaType: "",
      transformOp: "sort-lines",
      transformInput: "input",
    };
    const built = buildSpec(form);
    expect(built.errors).toEqual({});
    expect(parseSpec(built.text, "text.transform")).toEqual({
      version: 1,
      title: "Sort these lines",
      category: "text.transform",
      task: "Sort the lines of the input.",
      inputs: [
        { name: "input", text: "b\na\n" },
        { name: "doc", uri: "https://example.com/doc.txt", mediaType: "text/plain" },
      ],
      acceptance: [
        { id: "r0-regex", description: "regex", regex: "^[a-z\\n]*$", flags: "u" },
        { id: "r0-exact", description: "exact", exact: "a\nb\n" },
        { id: "r0-contains", description: "contains", contains: ["a", "b"] },
        { id: "r0-notContains", description: "notContains", notContains: ["TODO"] },
        { id: "r0-maxChars", description: "maxChars", maxChars: 100 },
        { id: "r0-minChars", description: "minChars", minChars: 1 },
        { id: "r0-lines", description: "lines", lines: { min: 2 } },
        { id: "r0-sortedLines", description: "sortedLines", sortedLines: true },
        { id: "r0-sameLinesAs", description: "sameLinesAs", sameLinesAs: "input" },
        { id: "r0-uniqueLines", description: "uniqueLines", uniqueLines: true },
        { id: "r0-json", description: "json", json: true },
        { id: "r0-jsonSchema", description: "jsonSchema", jsonSchema: { type: "array" } },
        { id: "r0-command", description: "command", command: "npm test" },
      ],
      transform: { op: "sort-lines", input: "input" },
    });
  });

  it("gives new rule rows the first free id", () => {
    expect(emptyRule([]).id).toBe("rule-1");
    expect(emptyRule([{ ...emptyRule([]), id: "rule-2" }]).id).toBe("rule-3");
  });
});

describe("checkPostForm: each bad field, its sentence", () => {
  const cases: [string, (f: PostForm) => Partial<PostForm>, string, string][] = [
    ["no title", () => ({ title: "  " }), "title", "Give the job a title."],
    ["no task", () => ({ task: "" }), "task", "Describe the task: what the supplier is to do."],
    [
      "a category with capitals and a space",
      () => ({ category: "Code Review" }),
      "category",
      'Write the category as 1–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "text.transform"); "Code Review" is not.',
    ],
    [
      "an input name with a space (and no second error at the rule naming it)",
      (f) => ({ inputs: [{ ...f.inputs[0]!, name: "my input" }], rules: [{ ...f.rules[0]!, value: "my input" }, f.rules[1]!] }),
      "inputs.0.name",
      `Use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit; "my input" is not.`,
    ],
    [
      "an input URI with spaces",
      (f) => ({ inputs: [...f.inputs, { ...emptyInput(), name: "doc", source: "uri", value: "not a uri" }] }),
      "inputs.1.value",
      `Give a URI such as https://… or ipfs://… (scheme:rest, no spaces); "not a uri" is not.`,
    ],
    [
      "a regex that does not compile",
      (f) => ({ rules: [{ ...f.rules[0]!, kind: "regex", value: "(" }, f.rules[1]!] }),
      "rules.0.value",
      "The pattern does not compile: Invalid regular expression: /(/: Unterminated group.",
    ],
    ["a rule without a description", (f) => ({ rules: [f.rules[0]!, { ...f.rules[1]!, description: "" }] }), "rules.1.description", "Describe what the rule checks."],
    [
      "a rule naming an input that is not there",
      (f) => ({ rules: [{ ...f.rules[0]!, value: "data" }, f.rules[1]!] }),
      "rules.0.value",
      'No input is named "data"; the inputs are: input.',
    ],
    ["a character count that is not a number", (f) => ({ rules: [{ ...f.rules[0]!, kind: "maxChars", value: "ten" }] }), "rules.0.value", `Write a whole number, not "ten".`],
    ["a lines rule with neither bound", (f) => ({ rules: [{ ...f.rules[0]!, kind: "lines", min: "", max: "" }] }), "rules.0.min", "Give a minimum, a maximum or both."],
    ["a JSON Schema that is not JSON", (f) => ({ rules: [{ ...f.rules[0]!, kind: "jsonSchema", value: "{type: object}" }] }), "rules.0.value", expect.stringMatching(/^This is not JSON \(.+\)\.$/)],
    ["a deliverable media type without a slash", () => ({ deliverableMediaType: "text" }), "deliverableMediaType", 'Give a media type such as text/plain; "text" is not one.'],
    ["a maximum price that is not a number", () => ({ maxPrice: "abc" }), "maxPrice", '"abc" is not an amount; write a number of ETH, e.g. 12.5.'],
    ["a maximum price of zero", () => ({ maxPrice: "0" }), "maxPrice", "Give an amount above zero."],
    ["no maximum price", () => ({ maxPrice: "" }), "maxPrice", "Give an amount in ETH."],
    ["more decimals than the token has", () => ({ token: MUSD.address, maxPrice: "1.1234567" }), "maxPrice", 'mUSD has 6 decimals; "1.1234567" has 7.'],
    ["a token not offered", () => ({ token: SUPPLIER }), "token", "Choose one of the tokens offered."],
    ["a bid window under an hour", () => ({ bidWindow: { amount: "30", unit: "min" } }), "bidWindow", "Choose a window from 1 h to 365 d; 30 min is not."],
    ["a delivery window that is not a number", () => ({ deliveryWindow: { amount: "two", unit: "d" } }), "deliveryWindow", "Write a whole number of days."],
    ["a review window over a year", () => ({ reviewWindow: { amount: "400", unit: "d" } }), "reviewWindow", "Choose a window from 1 h to 365 d; 400 d is not."],
    ["a buyer's choice award window of zero", () => ({ mode: "choice", awardWindow: { amount: "0", unit: "h" } }), "awardWindow", "Choose a window from 1 h to 365 d; 0 s is not."],
    ["no arbitrator", () => ({ arbitrator: "" }), "arbitrator", "Pick an arbitrator."],
    ["an arbitrator that is not an address", () => ({ arbitrator: "0x1234" }), "arbitrator", "0x1234 is not an address (0x and 40 hex digits)."],
    ["a default share over 50%", () => ({ defaultBuyerShare: "60" }), "defaultBuyerShare", "Give a share from 0% to 50%; 60% (6000 bps) is not."],
    ["a default share that is not a percentage", () => ({ defaultBuyerShare: "half" }), "defaultBuyerShare", `Write a percentage such as 10 or 12.5, not "half".`],
    ["a bond over 100%", () => ({ bond: "150" }), "bond", "Give a share from 0% to 100%; 150% (15000 bps) is not."],
    ["a holdback over 50%", () => ({ holdback: "60" }), "holdback", "Give a share from 0% to 50%; 60% (6000 bps) is not."],
    ["a holdback that is not a percentage", () => ({ holdback: "a fifth" }), "holdback", `Write a percentage such as 10 or 12.5, not "a fifth".`],
    ["a warranty window under an hour", () => ({ holdback: "10", warrantyWindow: { amount: "20", unit: "min" } }), "warrantyWindow", "Choose a window from 1 h to 365 d; 20 min is not."],
    ["a bond held without a holdback", () => ({ holdBond: true }), "holdBond", "A bond can be held only with a holdback: give a holdback, or do not hold the bond."],
    ["a clawback share over 100%", () => ({ maxClawbackShare: "120" }), "maxClawbackShare", "Give a share from 0% to 100%; 120% (12000 bps) is not."],
    ["a loss share over 100%", () => ({ maxLossShare: "101" }), "maxLossShare", "Give a share from 0% to 100%; 101% (10100 bps) is not."],
    ["a rating above 5 stars", () => ({ minRating: "5.5" }), "minRating", 'Give an average rating from 0 to 5 stars; 5.5 stars (550 as rating × 100) is not.'],
    ["a negative count", () => ({ minCompleted: "-1" }), "minCompleted", "Write a whole number from 0 to 4,294,967,295."],
    ["a minimum volume that is not an amount", () => ({ minVolume: "lots" }), "minVolume", '"lots" is not an amount; write a number of ETH, e.g. 12.5.'],
    ["a metric floor's attestor that is not an address", (f) => ({ metrics: [{ ...f.metrics[0]!, attestor: "0xzz" }] }), "metrics.0.attestor", "0xzz is not an address (0x and 40 hex digits)."],
    ["a metric floor without a name", (f) => ({ metrics: [{ ...f.metrics[0]!, metric: " " }] }), "metrics.0.metric", "Give the metric's name, e.g. benchmark.swe-bench."],
    ["a metric threshold with decimals", (f) => ({ metrics: [{ ...f.metrics[0]!, threshold: "1.5" }] }), "metrics.0.threshold", `Write a whole number, not "1.5".`],
    ["text.transform without an operation", () => ({ category: "text.transform", transformInput: "input" }), "transformOp", "Choose an operation: sort-lines, dedupe-lines, uppercase, lowercase, reverse-lines, word-count, csv-to-json."],
    ["text.transform naming a missing input", () => ({ category: "text.transform", transformOp: "uppercase", transformInput: "nope" }), "transformInput", 'No input is named "nope"; the inputs are: input.'],
  ];

  it.each(cases)("%s", (_name, patch, key, message) => {
    const form = goodRfq();
    const errors = errorsOf({ ...form, ...patch(form) });
    expect(errors).toEqual({ [key]: message });
  });

  it("reports every problem at once, spec and terms alike", () => {
    const form: PostForm = { ...goodRfq(), title: "", category: "", maxPrice: "x", arbitrator: "", bond: "200" };
    expect(Object.keys(errorsOf(form)).sort()).toEqual(["arbitrator", "bond", "category", "maxPrice", "title"]);
    // several problems in the spec's rows, each at its own field, with the terms' too
    const rows = goodRfq();
    const many: PostForm = {
      ...rows,
      inputs: [{ ...rows.inputs[0]!, mediaType: "csv" }],
      rules: [{ ...rows.rules[0]!, description: "" }, { ...rows.rules[1]!, kind: "regex", value: "(" }, { ...emptyRule([]), id: "same", description: "d", kind: "lines", min: "3", max: "1" }],
      reviewWindow: { amount: "10", unit: "min" },
    };
    expect(Object.keys(errorsOf(many)).sort()).toEqual(["inputs.0.mediaType", "reviewWindow", "rules.0.description", "rules.1.value", "rules.2.id", "rules.2.min"]);
  });

  it("checks the direct hire's own fields, and not the RFQ's", () => {
    const form: PostForm = { ...goodRfq(), kind: "direct", supplier: "", price: "", maxPrice: "nonsense", bond: "nonsense" };
    expect(errorsOf(form)).toEqual({
      supplier: "Give the address of the supplier you hire.",
      price: "Give an amount in ETH.",
    });
  });

  it("brings the SDK's whole-call check back to its field: the supplier must not be the buyer", () => {
    const form: PostForm = { ...goodRfq(), kind: "direct", supplier: BUYER.toLowerCase(), price: "1" };
    expect(errorsOf(form, { ...ctx, buyer: BUYER } as typeof ctx)).toEqual({ supplier: "You cannot hire yourself: the supplier is your own address." });
  });

  it("finds what only the whole spec shows: repeated rule ids and input names, and the size limit", () => {
    const form = goodRfq();
    expect(errorsOf({ ...form, rules: [form.rules[0]!, { ...form.rules[1]!, id: "same" }] })).toEqual({
      "rules.1.id": `"same" is already the id of an earlier rule; give each rule its own id.`,
    });
    expect(errorsOf({ ...form, inputs: [form.inputs[0]!, { ...form.inputs[0]! }] })).toEqual({
      "inputs.1.name": `"input" is already the name of an earlier input; give each input its own name.`,
    });
    const big = errorsOf({ ...form, inputs: [{ ...form.inputs[0]!, value: "x".repeat(9_000) }] });
    expect(big).toEqual({ spec: expect.stringMatching(/^The spec is \d+ bytes; at most 8192\.$/) });
  });
});

describe("checkPostForm: paid in milestones", () => {
  const day = { amount: "1", unit: "d" } as const;
  const inParts = (form: PostForm, ...rows: [string, string, DurationUnit][]): PostForm => ({
    ...form,
    milestones: rows.map(([share, amount, unit]) => ({ share, window: { amount, unit } })),
  });

  it("gives the schedule in bps and seconds, the job's delivery window the first milestone's, for an RFQ and a direct hire", () => {
    const rfq = planOf(inParts(goodRfq(), ["30", "2", "d"], ["70", "5", "d"]));
    expect(rfq.milestones).toEqual([
      { shareBps: 3_000, deliveryWindow: 172_800 },
      { shareBps: 7_000, deliveryWindow: 432_000 },
    ]);
    expect(rfq.params.deliveryWindow).toBe(172_800); // not the Deadlines field's 1 d: it is not shown in milestones
    const direct = planOf(
      inParts({ ...goodRfq(), kind: "direct", supplier: SUPPLIER, price: "1" }, ["12.5", "3", "h"], ["37.5", "1", "d"], ["50", "1", "d"]),
      { ...ctx, buyer: BUYER },
    );
    expect(direct.kind).toBe("direct");
    expect(direct.milestones?.map((m) => m.shareBps)).toEqual([1_250, 3_750, 5_000]);
    expect(direct.params.deliveryWindow).toBe(10_800);
    // Paid at once: no schedule in the plan.
    expect(planOf(goodRfq()).milestones).toBeUndefined();
  });

  it("puts each of the SDK's milestoneProblems at its row, and what cannot be read in the form's words", () => {
    // Shares that do not add up: the list's own error, the SDK's sentence.
    expect(errorsOf(inParts(goodRfq(), ["30", "1", "d"], ["60", "1", "d"]))).toEqual({ milestones: "the shares must sum to 100% (10,000 bps), not 90%" });
    // A zero share and a window out of bounds, at their rows; the sum is not judged until those are fixed.
    expect(errorsOf(inParts(goodRfq(), ["0", "1", "d"], ["100", "400", "d"]))).toEqual({
      "milestones.0.share": "each milestone needs a share of the price (1 to 10,000 bps)",
      "milestones.1.window": "Choose a window from 1 h to 365 d; 400 d is not.",
    });
    // The first milestone's window is the job's: its problem is at the first row, once (not also at the hidden field).
    expect(errorsOf(inParts(goodRfq(), ["50", "30", "min"], ["50", "1", "d"]))).toEqual({
      "milestones.0.window": "Choose a window from 1 h to 365 d; 30 min is not.",
    });
    // One milestone only, and more than eight.
    expect(errorsOf(inParts(goodRfq(), ["100", "1", "d"]))).toEqual({ milestones: "a job is paid in 2 to 8 milestones, not 1" });
    expect(errorsOf({ ...goodRfq(), milestones: Array.from({ length: 9 }, () => ({ share: "11.11", window: { ...day } })) })).toEqual({
      milestones: "a job is paid in 2 to 8 milestones, not 9",
    });
    // What is not a percentage or a whole number.
    expect(errorsOf(inParts(goodRfq(), ["half", "1", "d"], ["50", "x", "d"]))).toEqual({
      "milestones.0.share": 'Write a percentage such as 30 or 12.5, not "half".',
      "milestones.1.window": "Write a whole number of days.",
    });
  });

  it("starts with two halves in the job's delivery window, and a new row takes the share left", () => {
    const rows = startMilestones({ amount: "3", unit: "d" });
    expect(rows).toEqual([
      { share: "50", window: { amount: "3", unit: "d" } },
      { share: "50", window: { amount: "3", unit: "d" } },
    ]);
    expect(emptyMilestone([{ share: "30", window: { amount: "2", unit: "h" } }])).toEqual({ share: "70", window: { amount: "2", unit: "h" } });
    expect(emptyMilestone(rows).share).toBe("");
  });
});

describe("formKey", () => {
  it("puts the SDK's paths at the form's fields", () => {
    const keys = {
      "spec.title": "title",
      "spec.inputs[2].uri": "inputs.2.value",
      "spec.inputs[2].mediaType": "inputs.2.mediaType",
      "spec.acceptance[1].regex": "rules.1.value",
      "spec.acceptance[1].flags": "rules.1.flags",
      "spec.acceptance[1].lines.max": "rules.1.max",
      "spec.deliverable.mediaType": "deliverableMediaType",
      "spec.transform.op": "transformOp",
      spec: "spec",
      bidDeadline: "bidWindow",
      "floors.bondBps": "bond",
      "floors.maxClawbackShareBps": "maxClawbackShare",
      "warranty.holdbackBps": "holdback",
      "warranty.warrantyWindow": "warrantyWindow",
      "warranty.holdBond": "holdBond",
      "floors.metrics[1].attestor": "metrics.1.attestor",
      maxPrice: "maxPrice",
    };
    expect(Object.fromEntries(Object.keys(keys).map((path) => [path, formKey(path)]))).toEqual(keys);
  });
});

describe("postedJobId", () => {
  it("reads the new job's id from the escrow's RFQPosted event, and ignores other contracts' logs", () => {
    const log = rfqPostedLog(42n);
    const otherContract = { ...log, address: MUSD.address };
    expect(postedJobId({ logs: [otherContract, log] } as never, ESCROW)).toBe(42n);
    expect(postedJobId({ logs: [otherContract] } as never, ESCROW)).toBeUndefined();
  });
});

function rfqPostedLog(jobId: bigint) {
  const event = tenderEscrowAbi.find((x) => x.type === "event" && x.name === "RFQPosted")!;
  const plan = planOf(goodRfq());
  if (plan.kind !== "rfq") throw new Error("an RFQ");
  const { escrow: _escrow, category, ...rest } = plan.params;
  const rfq = { ...rest, arbitratorTermsId: 1, category: keccak256(toBytes(category)) };
  return {
    address: ESCROW,
    topics: encodeEventTopics({ abi: tenderEscrowAbi, eventName: "RFQPosted", args: { jobId, buyer: BUYER } }),
    data: encodeAbiParameters(
      (event as { inputs: readonly { indexed?: boolean; name: string; type: string }[] }).inputs.filter((i) => !i.indexed) as never,
      [rfq, NOW + 7_200, 1, 100] as never,
    ),
    blockNumber: 1n,
    blockHash: `0x${"cd".repeat(32)}`,
    logIndex: 0,
    transactionHash: `0x${"ab".repeat(32)}`,
    transactionIndex: 0,
    removed: false,
  };
}
