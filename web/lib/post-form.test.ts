// The "Post a job" form as data: good forms give the SDK's exact parameters and a spec the published schema takes;
// each bad field gives its own sentence at its own key; the SDK's whole-call checks come back at the right field.
import { type Address, encodeAbiParameters, encodeEventTopics, keccak256, parseEther, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import { parseSpec } from "@tender/sdk/spec";
import type { TokenInfo } from "./format.ts";
import { type PostForm, buildSpec, checkPostForm, emptyForm, emptyInput, emptyRule, postedJobId, specFieldKey } from "./post-form.ts";

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
      category: "code",
      floors: {
        minCompleted: 3,
        minVolume: parseEther("1.25"),
        maxLossShareBps: 2_500,
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
    expect(plan.params.floors).toEqual({ minCompleted: 0, minVolume: 0n, maxLossShareBps: 10_000, minAvgRating: 0, minRatings: 0, bondBps: 0, metrics: [] });
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
      category: "code",
      spec: SPEC_TEXT,
    });
    expect(plan.token).toEqual(MUSD);
    expect(plan.escrowed).toBe(12_500_000n);
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
    ["no title", () => ({ title: "  " }), "title", "The title must be a nonempty string."],
    ["no task", () => ({ task: "" }), "task", "The task must be a nonempty string."],
    [
      "a category with capitals and a space",
      () => ({ category: "Code Review" }),
      "category",
      'The category is not a category name: 1–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "text.transform"); got "Code Review".',
    ],
    [
      "an input name with a space (and no second error at the rule naming it)",
      (f) => ({ inputs: [{ ...f.inputs[0]!, name: "my input" }], rules: [{ ...f.rules[0]!, value: "my input" }, f.rules[1]!] }),
      "inputs.0.name",
      `Input 1's name must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit; got "my input".`,
    ],
    [
      "an input URI with spaces",
      (f) => ({ inputs: [...f.inputs, { ...emptyInput(), name: "doc", source: "uri", value: "not a uri" }] }),
      "inputs.1.value",
      `Input 2's URI is not a URI (scheme:rest, no spaces); got "not a uri".`,
    ],
    [
      "a regex that does not compile",
      (f) => ({ rules: [{ ...f.rules[0]!, kind: "regex", value: "(" }, f.rules[1]!] }),
      "rules.0.value",
      "Rule 1's pattern is not a valid regular expression: Invalid regular expression: /(/: Unterminated group.",
    ],
    ["a rule without a description", (f) => ({ rules: [f.rules[0]!, { ...f.rules[1]!, description: "" }] }), "rules.1.description", "Rule 2's description must not be empty."],
    [
      "a rule naming an input that is not there",
      (f) => ({ rules: [{ ...f.rules[0]!, value: "data" }, f.rules[1]!] }),
      "rules.0.value",
      "Rule 1's input name names no input (inputs: input).",
    ],
    ["a character count that is not a number", (f) => ({ rules: [{ ...f.rules[0]!, kind: "maxChars", value: "ten" }] }), "rules.0.value", `Rule 1's number of characters: write a whole number, not "ten".`],
    ["a lines rule with neither bound", (f) => ({ rules: [{ ...f.rules[0]!, kind: "lines", min: "", max: "" }] }), "rules.0.min", "Rule 1's minimum needs min, max or both."],
    ["a JSON Schema that is not JSON", (f) => ({ rules: [{ ...f.rules[0]!, kind: "jsonSchema", value: "{type: object}" }] }), "rules.0.value", expect.stringMatching(/^Rule 1's JSON Schema is not JSON \(.+\)\.$/)],
    ["a deliverable media type without a slash", () => ({ deliverableMediaType: "text" }), "deliverableMediaType", `The deliverable's media type is "text", not a media type such as text/plain.`],
    ["a maximum price that is not a number", () => ({ maxPrice: "abc" }), "maxPrice", 'The maximum price: "abc" is not an amount; write a number of ETH, e.g. 12.5.'],
    ["a maximum price of zero", () => ({ maxPrice: "0" }), "maxPrice", "The maximum price must be above zero."],
    ["no maximum price", () => ({ maxPrice: "" }), "maxPrice", "The maximum price must be given, in ETH."],
    ["more decimals than the token has", () => ({ token: MUSD.address, maxPrice: "1.1234567" }), "maxPrice", 'The maximum price: mUSD has 6 decimals; "1.1234567" has 7.'],
    ["a token not offered", () => ({ token: SUPPLIER }), "token", "The token must be one of the tokens offered."],
    ["a bid window under an hour", () => ({ bidWindow: { amount: "30", unit: "min" } }), "bidWindow", "The bid window must be from 1 h to 365 d; 30 min is not."],
    ["a delivery window that is not a number", () => ({ deliveryWindow: { amount: "two", unit: "d" } }), "deliveryWindow", "The delivery window must be a whole number of days."],
    ["a review window over a year", () => ({ reviewWindow: { amount: "400", unit: "d" } }), "reviewWindow", "The review window must be from 1 h to 365 d; 400 d is not."],
    ["a buyer's choice award window of zero", () => ({ mode: "choice", awardWindow: { amount: "0", unit: "h" } }), "awardWindow", "The award window must be from 1 h to 365 d; 0 s is not."],
    ["no arbitrator", () => ({ arbitrator: "" }), "arbitrator", "The arbitrator must be picked."],
    ["an arbitrator that is not an address", () => ({ arbitrator: "0x1234" }), "arbitrator", "The arbitrator: 0x1234 is not an address."],
    ["a default share over 50%", () => ({ defaultBuyerShare: "60" }), "defaultBuyerShare", "Your share if the arbitrator never rules must be from 0% to 50%."],
    ["a default share that is not a percentage", () => ({ defaultBuyerShare: "half" }), "defaultBuyerShare", `Your share if the arbitrator never rules must be a percentage such as 10 or 12.5, not "half".`],
    ["a bond over 100%", () => ({ bond: "150" }), "bond", "The bond must be from 0% to 100%."],
    ["a loss share over 100%", () => ({ maxLossShare: "101" }), "maxLossShare", "The largest share of disputes lost must be from 0% to 100%."],
    ["a rating above 5 stars", () => ({ minRating: "5.5" }), "minRating", 'The minimum average rating must be from 0 to 5 stars, e.g. 4.5; not "5.5".'],
    ["a negative count", () => ({ minCompleted: "-1" }), "minCompleted", "The minimum of completed jobs must be a whole number from 0 to 4,294,967,295."],
    ["a minimum volume that is not an amount", () => ({ minVolume: "lots" }), "minVolume", 'The minimum volume: "lots" is not an amount; write a number of ETH, e.g. 12.5.'],
    ["a metric floor's attestor that is not an address", (f) => ({ metrics: [{ ...f.metrics[0]!, attestor: "0xzz" }] }), "metrics.0.attestor", "Metric floor 1's attestor: 0xzz is not an address."],
    ["a metric floor without a name", (f) => ({ metrics: [{ ...f.metrics[0]!, metric: " " }] }), "metrics.0.metric", "Metric floor 1's metric name must be given, e.g. benchmark.swe-bench."],
    ["a metric threshold with decimals", (f) => ({ metrics: [{ ...f.metrics[0]!, threshold: "1.5" }] }), "metrics.0.threshold", `Metric floor 1's threshold must be a whole number, not "1.5".`],
    ["text.transform without an operation", () => ({ category: "text.transform", transformInput: "input" }), "transformOp", "The transform operation must be chosen for a text.transform job."],
    ["text.transform naming a missing input", () => ({ category: "text.transform", transformOp: "uppercase", transformInput: "nope" }), "transformInput", "The transform's input names no input (inputs: input)."],
  ];

  it.each(cases)("%s", (_name, patch, key, message) => {
    const form = goodRfq();
    const errors = errorsOf({ ...form, ...patch(form) });
    expect(errors).toEqual({ [key]: message });
  });

  it("reports every problem at once, spec and terms alike", () => {
    const form: PostForm = { ...goodRfq(), title: "", category: "", maxPrice: "x", arbitrator: "", bond: "200" };
    expect(Object.keys(errorsOf(form)).sort()).toEqual(["arbitrator", "bond", "category", "maxPrice", "title"]);
  });

  it("checks the direct hire's own fields, and not the RFQ's", () => {
    const form: PostForm = { ...goodRfq(), kind: "direct", supplier: "", price: "", maxPrice: "nonsense", bond: "nonsense" };
    expect(errorsOf(form)).toEqual({
      supplier: "The supplier must be given: the address of the supplier you hire.",
      price: "The price must be given, in ETH.",
    });
  });

  it("brings the SDK's whole-call check back to its field: the supplier must not be the buyer", () => {
    const form: PostForm = { ...goodRfq(), kind: "direct", supplier: BUYER.toLowerCase(), price: "1" };
    expect(errorsOf(form, { ...ctx, buyer: BUYER } as typeof ctx)).toEqual({ supplier: "The supplier must not be the buyer." });
  });

  it("finds what only the whole spec shows: repeated rule ids and input names, and the size limit", () => {
    const form = goodRfq();
    expect(errorsOf({ ...form, rules: [form.rules[0]!, { ...form.rules[1]!, id: "same" }] })).toEqual({
      "rules.1.id": `Rule 2's id: "same" is already the id of acceptance[0]; rule ids are unique.`,
    });
    expect(errorsOf({ ...form, inputs: [form.inputs[0]!, { ...form.inputs[0]! }] })).toEqual({
      "inputs.1.name": `Input 2's name: "input" is already the name of inputs[0]; input names are unique.`,
    });
    const big = errorsOf({ ...form, inputs: [{ ...form.inputs[0]!, value: "x".repeat(9_000) }] });
    expect(big).toEqual({ spec: expect.stringMatching(/^The spec is \d+ bytes; at most 8192\.$/) });
  });
});

describe("specFieldKey", () => {
  it("puts the SDK's spec fields at the form's", () => {
    expect(specFieldKey("spec.title")).toBe("title");
    expect(specFieldKey("spec.inputs[2].uri")).toBe("inputs.2.value");
    expect(specFieldKey("spec.inputs[2].mediaType")).toBe("inputs.2.mediaType");
    expect(specFieldKey("spec.acceptance[1].regex")).toBe("rules.1.value");
    expect(specFieldKey("spec.acceptance[1].flags")).toBe("rules.1.flags");
    expect(specFieldKey("spec.acceptance[1].lines.max")).toBe("rules.1.max");
    expect(specFieldKey("spec.deliverable.mediaType")).toBe("deliverableMediaType");
    expect(specFieldKey("spec.transform.op")).toBe("transformOp");
    expect(specFieldKey("spec")).toBe("spec");
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
  const rfq = { ...rest, category: keccak256(toBytes(category)) };
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
