// The pluggable worker: what an agent supplier runs to do a job. A worker is a module whose default export (or
// `worker` export) says which categories it serves, whether it can do a given spec, and does it.
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { JobSpec } from "@tender/sdk/spec";

/** What a worker hands back: the deliverable's content and its media type. */
export interface WorkOutput {
  content: string | Uint8Array;
  mediaType: string;
}

/** What the agent tells a worker about the job it runs. */
export interface WorkContext {
  /** The on-chain job, when there is one. */
  jobId?: bigint;
  /** Aborted when the agent gives up on the job (e.g. its deadline passed). */
  signal?: AbortSignal;
  /** A job paid in milestones: the milestone to deliver now (its index, from 0) and how many there are. The spec
   * is the whole job's; a worker may do the same work for each milestone, or the milestone's part of it. */
  milestone?: { index: number; count: number };
  /** Progress lines for the agent's log. */
  log?: (line: string) => void;
}

export interface Worker {
  /** A short name for logs, e.g. "text-transform". */
  name: string;
  /** The categories it serves; the agent only offers it jobs of these. */
  categories: string[];
  /** Whether it can do this (valid) spec; false means the agent should not bid or should decline. */
  canDo(spec: JobSpec): boolean;
  /** Does the job. Throws when it cannot. */
  perform(spec: JobSpec, ctx: WorkContext): Promise<WorkOutput>;
}

/** Built-in workers, by name: loadWorker("text-transform"). */
export const BUILTIN_WORKERS: Readonly<Record<string, string>> = {
  "text-transform": "./text-transform.ts",
};

/** Throws unless `value` has a Worker's shape; `source` names where it came from, for the message. */
export function assertWorker(value: unknown, source: string): asserts value is Worker {
  const problems: string[] = [];
  if (typeof value !== "object" || value === null) {
    throw new Error(`${source}: a worker is an object with name, categories, canDo and perform; got ${value === null ? "null" : typeof value}`);
  }
  const w = value as Record<string, unknown>;
  if (typeof w.name !== "string" || w.name.trim() === "") problems.push("name is not a nonempty string");
  if (!Array.isArray(w.categories) || w.categories.length === 0 || !w.categories.every((c) => typeof c === "string" && c !== "")) {
    problems.push("categories is not a nonempty array of category names");
  }
  if (typeof w.canDo !== "function") problems.push("canDo is not a function");
  if (typeof w.perform !== "function") problems.push("perform is not a function");
  if (problems.length > 0) throw new Error(`${source}: not a worker: ${problems.join("; ")}`);
}

/**
 * Loads a worker: a built-in name ("text-transform"), a module path (relative to the current directory, or absolute),
 * a file: URL, or a package name. Its default export is used, else its `worker` export; the shape is checked.
 */
export async function loadWorker(moduleSpecifier: string): Promise<Worker> {
  const builtin = Object.hasOwn(BUILTIN_WORKERS, moduleSpecifier) ? BUILTIN_WORKERS[moduleSpecifier] : undefined;
  let url: string;
  if (builtin) url = new URL(builtin, import.meta.url).href;
  else if (/^file:/i.test(moduleSpecifier)) url = moduleSpecifier;
  else if (isAbsolute(moduleSpecifier) || /^\.\.?([/\\]|$)/.test(moduleSpecifier) || /\.[cm]?[jt]s$/.test(moduleSpecifier)) {
    url = pathToFileURL(resolve(process.cwd(), moduleSpecifier)).href;
  } else url = moduleSpecifier; // a package
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const builtins = Object.keys(BUILTIN_WORKERS).join(", ");
    throw new Error(`cannot load worker ${JSON.stringify(moduleSpecifier)} (built-in: ${builtins}): ${(error as Error).message}`);
  }
  const worker = mod.default ?? mod.worker;
  if (worker === undefined) throw new Error(`${moduleSpecifier}: exports no worker (neither a default export nor \`worker\`)`);
  assertWorker(worker, moduleSpecifier);
  return worker;
}
