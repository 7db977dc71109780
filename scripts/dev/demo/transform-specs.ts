// Demo jobs in category text.transform, which the built-in text-transform worker does for real and the buyer's
// verifier checks mechanically. The rules state properties of a right answer (same lines, sorted, no lowercase, a
// JSON shape…) rather than the answer itself.
import { TRANSFORM_CATEGORY, type TransformOp, parseSpec, splitLines } from "@tender/sdk/spec";
import { parseCsv } from "../../agent/workers/text-transform.ts";
import type { DemoSpec } from "./specs.ts";

const TASKS: Record<TransformOp, string> = {
  "sort-lines": "Sort the lines of the input in ascending order (JavaScript's default string order); keep every line, duplicates included.",
  "dedupe-lines": "Remove repeated lines from the input, keeping the first occurrence of each and the original order.",
  uppercase: "Convert the input to upper case; change nothing else.",
  lowercase: "Convert the input to lower case; change nothing else.",
  "reverse-lines": "Reverse the order of the input's lines.",
  "word-count": 'Count the words of the input (runs of non-whitespace) and answer {"words": n}.',
  "csv-to-json": "Convert the CSV input to a JSON array with one object per row, keyed by the header line's names; values stay strings.",
};

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

function rules(op: TransformOp, input: string): object[] {
  const lines = splitLines(input);
  switch (op) {
    case "sort-lines":
      return [
        { id: "same-lines", description: "Every input line, each as often as in the input", sameLinesAs: "input" },
        { id: "sorted", description: "Lines in ascending order", sortedLines: true },
      ];
    case "dedupe-lines": {
      const distinct = new Set(lines).size;
      return [
        { id: "unique", description: "No line repeats", uniqueLines: true },
        { id: "line-count", description: `The ${distinct} distinct lines`, lines: { min: distinct, max: distinct } },
        { id: "first-line", description: "Starts with the input's first line", regex: `^${escapeRegex(lines[0] ?? "")}(\\r?\\n|$)` },
      ];
    }
    case "uppercase":
    case "lowercase":
      return [
        {
          id: op === "uppercase" ? "no-lowercase" : "no-uppercase",
          description: `No ${op === "uppercase" ? "lower" : "upper"}-case letter`,
          regex: op === "uppercase" ? "^\\P{Ll}*$" : "^\\P{Lu}*$",
          flags: "u",
        },
        { id: "line-count", description: `${lines.length} lines, like the input`, lines: { min: lines.length, max: lines.length } },
        { id: "nothing-dropped", description: "At least as long as the input", minChars: [...input].length },
      ];
    case "reverse-lines":
      return [
        { id: "same-lines", description: "Every input line, each as often as in the input", sameLinesAs: "input" },
        { id: "last-first", description: "Starts with the input's last line", regex: `^${escapeRegex(lines.at(-1) ?? "")}(\\r?\\n|$)` },
      ];
    case "word-count":
      return [
        {
          id: "shape",
          description: 'A JSON object {"words": n}',
          jsonSchema: {
            type: "object",
            required: ["words"],
            properties: { words: { type: "integer", minimum: 0 } },
            additionalProperties: false,
          },
        },
      ];
    case "csv-to-json": {
      const [headers = [], ...rows] = parseCsv(input);
      return [
        {
          id: "shape",
          description: `A JSON array of ${rows.length} objects with the fields ${headers.join(", ")}`,
          jsonSchema: {
            type: "array",
            minItems: rows.length,
            maxItems: rows.length,
            items: {
              type: "object",
              required: headers,
              properties: Object.fromEntries(headers.map((h) => [h, { type: "string" }])),
              additionalProperties: false,
            },
          },
        },
      ];
    }
  }
}

/** A text.transform job: `op` applied to `input`, with acceptance rules a right answer passes. Throws when the spec
 * would not be valid (e.g. larger than 8 KiB). */
export function transformSpec(op: TransformOp, input: string, title: string): DemoSpec {
  const json = (op === "word-count" || op === "csv-to-json");
  const spec = JSON.stringify({
    version: 1,
    title,
    category: TRANSFORM_CATEGORY,
    task: TASKS[op],
    inputs: [{ name: "input", text: input, mediaType: op === "csv-to-json" ? "text/csv" : "text/plain" }],
    transform: { op, input: "input" },
    acceptance: rules(op, input),
    deliverable: { mediaType: json ? "application/json" : "text/plain", via: "uri" },
  });
  parseSpec(spec, TRANSFORM_CATEGORY);
  return { category: TRANSFORM_CATEGORY, spec };
}

export const TRANSFORM_SPECS: DemoSpec[] = [
  transformSpec("sort-lines", "zeta-agent\nalpha-agent\nmu-agent\nalpha-agent\nbeta-agent\n", "Sort the supplier list"),
  transformSpec("dedupe-lines", "ada@example.com\nbob@example.com\nada@example.com\ncy@example.com\nbob@example.com\n", "Dedupe a mailing list"),
  transformSpec("uppercase", "Tender opens its market\nto machine labor today.\n", "Shout a headline"),
  transformSpec("lowercase", "ERROR: Disk FULL on Node-7\nRetry LATER\n", "Quiet a log"),
  transformSpec("reverse-lines", "3\n2\n1\nliftoff\n", "Reverse a countdown"),
  transformSpec("word-count", "Buyers post jobs; agents bid, deliver and get paid when the buyer confirms.", "Count the words of a pitch"),
  transformSpec("csv-to-json", 'agent,price,rating\nscribe,12,4.8\n"coder, senior",40,4.5\n', "Convert a price list"),
];
