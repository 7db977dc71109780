// A job spec, readable: title, task, notes, inputs, acceptance rules in words, the deliverable, and the spec as
// posted. Specs are read defensively: text that is not a valid spec still shows what can be shown, with the problem
// the SDK's check found.
import type { ReactNode } from "react";
import { MANUAL_RULE_KINDS, RULE_KINDS, type RuleKind } from "@tender/sdk/spec";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The posted text as an object, or undefined when it is not a JSON object. */
export function readSpec(text: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function quoted(items: unknown): ReactNode {
  const list = Array.isArray(items) ? items.map(String) : [String(items)];
  return list.map((item, i) => (
    <span key={i}>
      {i > 0 ? ", " : null}
      <code>{item}</code>
    </span>
  ));
}

/** What a rule checks, in words. */
export function ruleCheck(rule: Json): { kind: RuleKind | undefined; text: ReactNode } {
  const kind = RULE_KINDS.find((k) => k in rule);
  switch (kind) {
    case "regex":
      return { kind, text: <>matches the regular expression <code>/{str(rule.regex)}/{str(rule.flags) ?? ""}</code></> };
    case "exact":
      return { kind, text: <>is exactly <code className="inline-pre">{String(rule.exact)}</code></> };
    case "contains":
      return { kind, text: <>contains each of {quoted(rule.contains)}</> };
    case "notContains":
      return { kind, text: <>contains none of {quoted(rule.notContains)}</> };
    case "maxChars":
      return { kind, text: <>is at most {String(rule.maxChars)} characters long</> };
    case "minChars":
      return { kind, text: <>is at least {String(rule.minChars)} characters long</> };
    case "lines": {
      const lines = isObject(rule.lines) ? rule.lines : {};
      const [min, max] = [lines.min, lines.max].map((v) => (typeof v === "number" ? v : undefined));
      const text =
        min !== undefined && max !== undefined
          ? min === max
            ? `has exactly ${min} lines`
            : `has ${min} to ${max} lines`
          : min !== undefined
            ? `has at least ${min} lines`
            : `has at most ${max} lines`;
      return { kind, text };
    }
    case "sortedLines":
      return { kind, text: "has its lines in sorted order" };
    case "sameLinesAs":
      return { kind, text: <>has the same lines as the input <code>{String(rule.sameLinesAs)}</code>, in any order</> };
    case "uniqueLines":
      return { kind, text: "repeats no line" };
    case "json":
      return { kind, text: "is valid JSON" };
    case "jsonSchema":
      return {
        kind,
        text: (
          <>
            is JSON valid against this schema
            <details>
              <summary>Schema</summary>
              <pre>{JSON.stringify(rule.jsonSchema, null, 2)}</pre>
            </details>
          </>
        ),
      };
    case "command":
      return { kind, text: <>passes <code>{String(rule.command)}</code> (checked by a person)</> };
    default:
      return { kind: undefined, text: "has no check the schema knows" };
  }
}

export function SpecView({ text, problem, hash }: { text: string; problem?: string | null; hash?: string }) {
  const spec = readSpec(text);
  const inputs = Array.isArray(spec?.inputs) ? spec.inputs.filter(isObject) : [];
  const rules = Array.isArray(spec?.acceptance) ? spec.acceptance.filter(isObject) : [];
  const deliverable = isObject(spec?.deliverable) ? spec.deliverable : undefined;
  const transform = isObject(spec?.transform) ? spec.transform : undefined;
  const extensions = spec ? Object.keys(spec).filter((k) => k.startsWith("x-")) : [];

  return (
    <div className="spec">
      {problem ? (
        <p className="notice notice-warn" role="note">
          This spec does not pass the SDK&apos;s check: {problem}
        </p>
      ) : null}
      {!spec ? (
        <p className="muted">The spec is not a JSON object; it is shown as posted below.</p>
      ) : (
        <>
          {str(spec.task) ? (
            <section aria-labelledby="spec-task">
              <h3 id="spec-task">Task</h3>
              <p className="spec-task">{str(spec.task)}</p>
            </section>
          ) : null}
          {str(spec.notes) ? (
            <section aria-labelledby="spec-notes">
              <h3 id="spec-notes">Notes</h3>
              <p className="spec-task">{str(spec.notes)}</p>
            </section>
          ) : null}
          {transform ? (
            <p>
              Transform: <code>{String(transform.op)}</code> on the input <code>{String(transform.input)}</code>
            </p>
          ) : null}
          {inputs.length > 0 ? (
            <section aria-labelledby="spec-inputs">
              <h3 id="spec-inputs">Inputs</h3>
              <ul className="spec-inputs">
                {inputs.map((input, i) => (
                  <li key={i}>
                    <p>
                      <strong>{String(input.name)}</strong>
                      {str(input.mediaType) ? <span className="muted"> · {str(input.mediaType)}</span> : null}
                    </p>
                    {str(input.text) !== undefined ? (
                      <pre className="spec-input-text">{str(input.text)}</pre>
                    ) : str(input.uri) ? (
                      <p>
                        at{" "}
                        {/^https?:\/\//i.test(str(input.uri)!) ? (
                          <a href={str(input.uri)} rel="noreferrer noopener nofollow">
                            {str(input.uri)}
                          </a>
                        ) : (
                          <code>{str(input.uri)}</code>
                        )}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="spec-acceptance">
            <h3 id="spec-acceptance">Acceptance rules</h3>
            {rules.length === 0 ? (
              <p className="muted">None: the buyer reviews the delivery by hand.</p>
            ) : (
              <ol className="spec-rules">
                {rules.map((rule, i) => {
                  const check = ruleCheck(rule);
                  const manual = check.kind !== undefined && MANUAL_RULE_KINDS.includes(check.kind);
                  return (
                    <li key={i} className="spec-rule">
                      <p className="spec-rule-head">
                        <code>{String(rule.id)}</code>
                        {manual ? <span className="badge badge-stopped">checked by a person</span> : <span className="badge badge-open">machine-checked</span>}
                      </p>
                      {str(rule.description) ? <p>{str(rule.description)}</p> : null}
                      <div className="muted rule-check">The deliverable {check.text}.</div>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
          {deliverable ? (
            <p>
              Deliverable: <code>{String(deliverable.mediaType)}</code>, handed over by URI.
            </p>
          ) : null}
          {extensions.length > 0 ? <p className="muted">Extensions: {extensions.join(", ")}</p> : null}
        </>
      )}
      <details className="spec-raw">
        <summary>Spec as posted</summary>
        {hash ? (
          <p className="fine">
            keccak256 <code className="break">{hash}</code>
          </p>
        ) : null}
        <pre>{spec ? JSON.stringify(spec, null, 2) : text}</pre>
      </details>
    </div>
  );
}
