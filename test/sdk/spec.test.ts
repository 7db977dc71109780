// The published job spec schema: every spec in use passes it, and each kind of bad spec is refused naming its field.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { DEMO_SPECS } from "../../scripts/dev/demo/specs.ts";
import { TRANSFORM_SPECS } from "../../scripts/dev/demo/transform-specs.ts";
import {
  JOB_SPEC_SCHEMA,
  JOB_SPEC_SCHEMA_ID,
  RULE_KINDS,
  SpecError,
  TRANSFORM_OPS,
  fieldOf,
  joinLines,
  parseSpec,
  ruleKind,
  specProblem,
  specProblems,
  splitLines,
} from "@tender/sdk/spec";
import { TenderInputError, checkSpec } from "@tender/sdk/validate";
import { SPEC } from "../helpers/chain.ts";

const BASE = { version: 1, title: "Summarize", category: "text", task: "Summarize the input" };
const rule = (check: object) => ({ id: "r", description: "a rule", ...check });
const TRANSFORM = {
  ...BASE,
  category: "text.transform",
  inputs: [{ name: "list", text: "b\na\n" }],
  transform: { op: "sort-lines", input: "list" },
};

describe("the job spec schema", () => {
  it("is a valid draft 2020-12 schema with the published $id, in step with the TypeScript type", () => {
    const ajv = new Ajv2020();
    expect(ajv.validateSchema(JOB_SPEC_SCHEMA)).toBe(true);
    expect(JOB_SPEC_SCHEMA.$id).toBe(JOB_SPEC_SCHEMA_ID);
    expect(JOB_SPEC_SCHEMA.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(JOB_SPEC_SCHEMA.$defs.rule.oneOf.map((branch) => branch.required[0])).toEqual([...RULE_KINDS]);
    expect(Object.keys(JOB_SPEC_SCHEMA.$defs.rule.properties)).toEqual(["id", "description", "regex", "flags", ...RULE_KINDS.slice(1)]);
    expect(JOB_SPEC_SCHEMA.properties.transform.properties.op.enum).toEqual([...TRANSFORM_OPS]);
  });

  it("accepts every demo spec, the transform demo specs and the tests' SPEC", () => {
    for (const { spec, category } of [...DEMO_SPECS, ...TRANSFORM_SPECS, { spec: SPEC, category: "text" }]) {
      expect(specProblem(spec, category), spec).toBeUndefined();
      expect(() => checkSpec(spec, category)).not.toThrow();
    }
    const parsed = parseSpec(SPEC, "text");
    expect(parsed.title).toBe("Summarize a document");
    expect(ruleKind(parsed.acceptance![0]!)).toBe("regex");
  });

  it("accepts notes (the gas benches' padding), x- extensions everywhere, every rule kind, and no category to compare", () => {
    const spec = {
      ...BASE,
      notes: "x".repeat(100),
      "x-budget": { hours: 2 },
      inputs: [{ name: "doc", text: "a\nb\n", "x-source": "crm" }, { name: "ref", uri: "ipfs://bafy", mediaType: "text/markdown" }],
      acceptance: [
        rule({ id: "re", regex: "^\\p{Lu}", flags: "u", "x-weight": 2 }),
        rule({ id: "ex", exact: "A" }),
        rule({ id: "co", contains: ["A"] }),
        rule({ id: "nc", notContains: ["TODO"] }),
        rule({ id: "max", maxChars: 10 }),
        rule({ id: "min", minChars: 0 }),
        rule({ id: "li", lines: { max: 3 } }),
        rule({ id: "so", sortedLines: true }),
        rule({ id: "sa", sameLinesAs: "doc" }),
        rule({ id: "un", uniqueLines: true }),
        rule({ id: "js", json: true }),
        rule({ id: "sc", jsonSchema: { type: "object", properties: { a: { format: "email" } } } }),
        rule({ id: "cm", command: "npm test" }),
      ],
      deliverable: { mediaType: "text/plain; charset=utf-8", via: "uri", "x-size": 1 },
    };
    expect(specProblem(JSON.stringify(spec), "text")).toBeUndefined();
    expect(specProblem(JSON.stringify(spec))).toBeUndefined();
    expect(parseSpec(JSON.stringify(spec)).acceptance!.map(ruleKind)).toEqual([...RULE_KINDS]);
    expect(specProblem(JSON.stringify(TRANSFORM), "text.transform")).toBeUndefined();
  });

  it.each([
    // [what, spec, field, message]
    ["an unknown key (a typo)", { ...BASE, acceptence: [] }, "spec.acceptence", /^"acceptence" is not a field of a job spec \(did you mean "acceptance"\?\).*"x-"\.$/],
    ["a missing task", { ...BASE, task: undefined }, "spec.task", /^Describe the task: what the supplier is to do\.$/],
    ["a blank title", { ...BASE, title: "  " }, "spec.title", /^Give the job a title\.$/],
    ["a long title", { ...BASE, title: "t".repeat(121) }, "spec.title", /^This is 121 characters; at most 120\.$/],
    ["version 2", { ...BASE, version: 2 }, "spec.version", /^The spec's version must be 1, not 2\.$/],
    ["a bad category", { ...BASE, category: "Text Jobs" }, "spec.category", /^Write the category as 1–64 lowercase letters.*; "Text Jobs" is not\.$/],
    ["a rule with two checks", { ...BASE, acceptance: [rule({ regex: "a", exact: "a" })] }, "spec.acceptance[0]", /^The rule has 2 checks \(regex, exact\); a rule has exactly one/],
    ["a rule with no check", { ...BASE, acceptance: [rule({})] }, "spec.acceptance[0]", /^The rule has no check; give it exactly one of regex, exact, .*command\.$/],
    ["a rule without an id", { ...BASE, acceptance: [{ description: "d", json: true }] }, "spec.acceptance[0].id", /^Give the rule an id\.$/],
    ["a typo in a rule", { ...BASE, acceptance: [{ id: "a", descripton: "d", json: true }] }, "spec.acceptance[0].descripton", /is not a field of an acceptance rule \(did you mean "description"\?\)/],
    ["a regex that does not compile", { ...BASE, acceptance: [rule({ regex: "(unclosed" })] }, "spec.acceptance[0].regex", /^The pattern does not compile: .*Unterminated group\.$/],
    ["a regex invalid with its flags", { ...BASE, acceptance: [rule({ regex: "\\-", flags: "u" })] }, "spec.acceptance[0].regex", /^The pattern does not compile with the flags "u": /],
    ["an unknown regex flag", { ...BASE, acceptance: [rule({ regex: "a", flags: "g" })] }, "spec.acceptance[0].flags", /^Use only the flags i, m, s and u; "g" is not\.$/],
    ["flags without a regex", { ...BASE, acceptance: [rule({ exact: "a", flags: "i" })] }, "spec.acceptance[0].flags", /^flags goes with regex: add a regex check or drop the flags\.$/],
    ["duplicate rule ids", { ...BASE, acceptance: [rule({ json: true }), rule({ exact: "x" })] }, "spec.acceptance[1].id", /^"r" is already the id of an earlier rule; give each rule its own id\.$/],
    ["sortedLines: false", { ...BASE, acceptance: [rule({ sortedLines: false })] }, "spec.acceptance[0].sortedLines", /^This must be true, not false\.$/],
    ["maxChars not whole", { ...BASE, acceptance: [rule({ maxChars: 1.5 })] }, "spec.acceptance[0].maxChars", /^This must be a whole number, not 1\.5\.$/],
    ["empty lines bounds", { ...BASE, acceptance: [rule({ lines: {} })] }, "spec.acceptance[0].lines", /^Give a minimum, a maximum or both\.$/],
    ["lines min above max", { ...BASE, acceptance: [rule({ lines: { min: 3, max: 1 } })] }, "spec.acceptance[0].lines", /^The minimum, 3, is above the maximum, 1\.$/],
    ["an empty contains", { ...BASE, acceptance: [rule({ contains: [] })] }, "spec.acceptance[0].contains", /^Give at least one string\.$/],
    ["an invalid jsonSchema", { ...BASE, acceptance: [rule({ jsonSchema: { type: "objekt" } })] }, "spec.acceptance[0].jsonSchema", /^This is not a valid JSON Schema \(/],
    ["sameLinesAs naming no input", { ...BASE, acceptance: [rule({ sameLinesAs: "doc" })] }, "spec.acceptance[0].sameLinesAs", /^No input is named "doc"; add an input with inline text\.$/],
    ["sameLinesAs naming a uri input", { ...BASE, inputs: [{ name: "doc", uri: "ipfs://x" }], acceptance: [rule({ sameLinesAs: "doc" })] }, "spec.acceptance[0].sameLinesAs", /^The input "doc" has no inline text/],
    ["an input with text and uri", { ...BASE, inputs: [{ name: "a", text: "x", uri: "ipfs://x" }] }, "spec.inputs[0]", /^The input has both text and a URI; give it exactly one of them\.$/],
    ["an input with neither", { ...BASE, inputs: [{ name: "a" }] }, "spec.inputs[0]", /^The input has neither text nor a URI/],
    ["duplicate input names", { ...BASE, inputs: [{ name: "a", text: "x" }, { name: "a", text: "y" }] }, "spec.inputs[1].name", /^"a" is already the name of an earlier input/],
    ["a bad input name", { ...BASE, inputs: [{ name: "my input", text: "x" }] }, "spec.inputs[0].name", /^Use 1–64 letters, .*; "my input" is not\.$/],
    ["inputs not an array", { ...BASE, inputs: { a: "x" } }, "spec.inputs", /^This must be an array, not/],
    ["a bad deliverable media type", { ...BASE, deliverable: { mediaType: "text", via: "uri" } }, "spec.deliverable.mediaType", /^Give a media type such as text\/plain; "text" is not one\.$/],
    ["a deliverable via ipfs", { ...BASE, deliverable: { mediaType: "text/plain", via: "ipfs" } }, "spec.deliverable.via", /^This must be "uri", not "ipfs"\.$/],
    ["a transform naming a missing input", { ...TRANSFORM, transform: { op: "sort-lines", input: "nope" } }, "spec.transform.input", /^No input is named "nope"; the inputs are: list\.$/],
    ["a transform with an unknown op", { ...TRANSFORM, transform: { op: "shuffle", input: "list" } }, "spec.transform.op", /^Choose one of sort-lines, .*csv-to-json; "shuffle" is not one\.$/],
    ["a transform job without a transform", { ...TRANSFORM, transform: undefined }, "spec.transform", /^A text\.transform job needs a transform/],
    ["a transform outside text.transform", { ...BASE, inputs: TRANSFORM.inputs, transform: TRANSFORM.transform }, "spec.transform", /^Only text\.transform jobs take a transform/],
  ] as const)("refuses %s", (_what, spec, field, message) => {
    const category = (spec as { category: string }).category;
    const problem = specProblem(JSON.stringify(spec), category);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
    // the SDK's check throws it as a TenderInputError, and parseSpec as a SpecError, both naming the field
    const thrown = (() => {
      try {
        checkSpec(JSON.stringify(spec), category);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(TenderInputError);
    expect((thrown as TenderInputError).field).toBe(field);
    expect((thrown as Error).message).toBe(`${field}: ${problem?.message}`);
    expect(() => parseSpec(JSON.stringify(spec), category)).toThrow(SpecError);
  });

  it("keeps the checks before the schema: size, JSON, object, and the job's category", () => {
    expect(specProblem("")).toEqual({ field: "spec", message: "The spec is empty." });
    expect(specProblem("[1]")).toEqual({ field: "spec", message: "The spec must be a JSON object." });
    expect(specProblem("{")?.message).toMatch(/^The spec is not JSON \(.+\)\.$/);
    expect(specProblem(JSON.stringify({ ...BASE, notes: "é".repeat(4_100) }))?.message).toMatch(/^The spec is 8\d{3} bytes; at most 8192\.$/);
    expect(specProblem(SPEC, "code")).toEqual({ field: "spec.category", message: 'The spec\'s category is "text", not the job\'s category "code".' });
  });

  it("reports every problem at once, each at its path, once", () => {
    const spec = {
      ...BASE,
      title: " ",
      catgory: "text",
      inputs: [{ name: "doc", text: "x" }, { name: "doc", uri: "not a uri" }, { name: "my input", text: "y" }],
      acceptance: [
        { id: "a", descripton: "typo", json: true },
        rule({ id: "a", regex: "(" }),
        rule({ id: "b", sameLinesAs: "my input" }),
        rule({ id: "c", lines: { min: 3, max: 1 } }),
        rule({ id: "d", regx: "a" }),
      ],
    };
    const problems = specProblems(JSON.stringify(spec), "text");
    expect(problems.map((p) => p.path).sort()).toEqual([
      "spec.acceptance[0].descripton",
      "spec.acceptance[1].id",
      "spec.acceptance[1].regex",
      "spec.acceptance[3].lines",
      "spec.acceptance[4].regx",
      "spec.catgory",
      "spec.inputs[1].name",
      "spec.inputs[1].uri",
      "spec.inputs[2].name",
      "spec.title",
    ]);
    expect(problems.find((p) => p.path === "spec.catgory")?.message).toMatch(/did you mean "category"/);
    expect(problems.find((p) => p.path === "spec.acceptance[4].regx")?.message).toMatch(/did you mean "regex"/);
    // the first is the one a single-problem caller sees; the throwing check and parseSpec carry them all
    expect(specProblem(JSON.stringify(spec), "text")).toEqual({ field: problems[0]!.path, message: problems[0]!.message });
    expect(() => checkSpec(JSON.stringify(spec), "text")).toThrow(expect.objectContaining({ problems, field: problems[0]!.path }));
    expect(() => parseSpec(JSON.stringify(spec), "text")).toThrow(expect.objectContaining({ problems }));
    expect(specProblems(SPEC, "text")).toEqual([]);
    expect(specProblems("not json")).toHaveLength(1);
  });

  it("names fields by their JSON path", () => {
    expect(fieldOf("")).toBe("spec");
    expect(fieldOf("/acceptance/10/lines/min")).toBe("spec.acceptance[10].lines.min");
    expect(fieldOf("/x-a~1b")).toBe('spec["x-a/b"]');
    expect(fieldOf("/bad key")).toBe('spec["bad key"]');
  });

  it("counts lines the way the line rules do", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
    expect(splitLines("a\n")).toEqual(["a"]);
    expect(splitLines("a\r\nb\r\n")).toEqual(["a", "b"]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
    expect(splitLines("\n")).toEqual([""]);
    expect(joinLines(["a", "b"])).toBe("a\nb\n");
    expect(joinLines([])).toBe("");
  });
});
