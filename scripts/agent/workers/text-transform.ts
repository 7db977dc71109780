// The built-in worker for category text.transform: it applies the spec's `transform.op` to the inline input that
// `transform.input` names. Deterministic: the same spec always gives the same bytes.
import {
  type JobSpec,
  TRANSFORM_CATEGORY,
  TRANSFORM_OPS,
  type TransformOp,
  inputText,
  joinLines,
  splitLines,
} from "@tender/sdk/spec";
import type { WorkContext, WorkOutput, Worker } from "./worker.ts";

/** Parses CSV (RFC 4180: commas, quoted fields with "" for a quote, LF or CRLF). Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    field = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new Error(`CSV: a quoted field must end at a comma or line end (row ${rows.length + 1})`);
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      endRow();
      i += c === "\r" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("CSV: a quoted field is not closed");
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** CSV with a header line → an array of objects keyed by the headers (values stay strings). */
export function csvToObjects(text: string): Record<string, string>[] {
  const [headers, ...rows] = parseCsv(text);
  if (!headers) throw new Error("CSV: no header line");
  const seen = new Set<string>();
  for (const header of headers) {
    if (header.trim() === "") throw new Error("CSV: a header is empty");
    if (seen.has(header)) throw new Error(`CSV: the header ${JSON.stringify(header)} appears twice`);
    seen.add(header);
  }
  return rows.map((fields, r) => {
    if (fields.length !== headers.length) {
      throw new Error(`CSV: row ${r + 2} has ${fields.length} fields; the header has ${headers.length}`);
    }
    // Object.fromEntries defines own properties, so a "__proto__" header is an ordinary key.
    return Object.fromEntries(headers.map((header, k) => [header, fields[k]!]));
  });
}

/** Words: runs of non-whitespace. */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => word !== "").length;
}

/** Applies one operation to a text: the worker's whole job, as a pure function. */
export function transformText(op: TransformOp, text: string): WorkOutput & { content: string } {
  const plain = (content: string) => ({ content, mediaType: "text/plain" });
  const json = (value: unknown) => ({ content: JSON.stringify(value), mediaType: "application/json" });
  switch (op) {
    case "sort-lines":
      return plain(joinLines(splitLines(text).sort()));
    case "dedupe-lines":
      return plain(joinLines([...new Set(splitLines(text))]));
    case "uppercase":
      return plain(text.toUpperCase());
    case "lowercase":
      return plain(text.toLowerCase());
    case "reverse-lines":
      return plain(joinLines(splitLines(text).reverse()));
    case "word-count":
      return json({ words: countWords(text) });
    case "csv-to-json":
      return json(csvToObjects(text));
    default:
      throw new Error(`unknown transform ${JSON.stringify(op satisfies never)}`);
  }
}

function job(spec: JobSpec): { op: TransformOp; text: string } | undefined {
  if (spec.category !== TRANSFORM_CATEGORY || !spec.transform) return undefined;
  const { op, input } = spec.transform;
  if (!(TRANSFORM_OPS as readonly string[]).includes(op)) return undefined;
  const text = inputText(spec, input);
  return text === undefined ? undefined : { op, text };
}

export const worker: Worker = {
  name: "text-transform",
  categories: [TRANSFORM_CATEGORY],
  canDo(spec) {
    const todo = job(spec);
    if (!todo) return false;
    if (todo.op === "csv-to-json") {
      try {
        csvToObjects(todo.text);
      } catch {
        return false;
      }
    }
    return true;
  },
  async perform(spec: JobSpec, ctx: WorkContext): Promise<WorkOutput> {
    ctx.signal?.throwIfAborted();
    const todo = job(spec);
    if (!todo) throw new Error(`text-transform cannot do this job (category ${spec.category}, transform ${JSON.stringify(spec.transform)})`);
    // A job in milestones: the spec names one transform of one input, so each milestone delivers it whole (what
    // the buyer's acceptance checks are written against); the bytes are the same for every milestone.
    const output = transformText(todo.op, todo.text);
    const part = ctx.milestone ? ` (milestone ${ctx.milestone.index + 1} of ${ctx.milestone.count})` : "";
    ctx.log?.(`text-transform: ${todo.op} of ${todo.text.length} characters → ${output.content.length}${part}`);
    return output;
  },
};

export default worker;
