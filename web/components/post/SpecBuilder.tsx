// The spec builder: title, category, task and notes; inputs (inline text or a URI) and acceptance rules, each added
// and removed as rows; the deliverable's media type; and, for category text.transform, the operation and its input.
import {
  type InputRow,
  type PostForm,
  RULE_KINDS,
  RULE_KIND_LABELS,
  type RuleKind,
  type RuleRow,
  TRANSFORM_CATEGORY,
  TRANSFORM_OPS,
  ruleValueNoun,
} from "../../lib/post-form.ts";
import { FieldError, type Kit, LabelText, SelectField, TextField } from "./fields.tsx";

const MEDIA_TYPES = ["text/plain", "application/json", "text/csv", "text/markdown", "text/html", "application/x-patch"];

export interface SpecBuilderProps {
  kit: Kit;
  form: PostForm;
  categories: readonly string[];
  set: <K extends keyof PostForm>(key: K, value: PostForm[K]) => void;
  setInput: (index: number, patch: Partial<InputRow>) => void;
  setRule: (index: number, patch: Partial<RuleRow>) => void;
  add: (list: "inputs" | "rules") => void;
  remove: (list: "inputs" | "rules", index: number) => void;
}

export function SpecBuilder({ kit, form, categories, set, setInput, setRule, add, remove }: SpecBuilderProps) {
  const textInputs = form.inputs.filter((i) => i.source === "text" && i.name.trim() !== "").map((i) => i.name.trim());
  return (
    <section className="panel" aria-labelledby={kit.id("spec-title")}>
      <h2 id={kit.id("spec-title")}>The job spec</h2>
      <p className="post-hint">
        What the supplier reads and what a delivery is checked against. It is posted on-chain as JSON (at most 8 KiB) and
        checked against the published job spec schema.
      </p>
      <FieldError kit={kit} name="spec" />
      <TextField kit={kit} name="title" label="Title" value={form.title} onChange={(v) => set("title", v)} hint="One line, for lists (at most 120 characters)." />
      <TextField
        kit={kit}
        name="category"
        label="Category"
        value={form.category}
        onChange={(v) => set("category", v)}
        list={kit.id("categories")}
        mono
        placeholder="e.g. code, text, text.transform"
        hint={<>Lowercase letters, digits, &ldquo;.&rdquo;, &ldquo;_&rdquo; or &ldquo;-&rdquo;. Suppliers find jobs by category.</>}
      />
      <datalist id={kit.id("categories")}>
        {[...new Set([...categories, TRANSFORM_CATEGORY])].map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <TextField kit={kit} name="task" label="Task" value={form.task} onChange={(v) => set("task", v)} rows={4} hint="What to do, for the supplier." />
      <TextField kit={kit} name="notes" label="Notes (optional)" value={form.notes} onChange={(v) => set("notes", v)} rows={2} />

      <fieldset className="post-rows" aria-describedby={kit.error("inputs") ? `${kit.id("inputs")}-error` : undefined}>
        <legend>Inputs</legend>
        <p className="post-hint">Named material the supplier works on: inline text, or a URI to fetch it from.</p>
        <FieldError kit={kit} name="inputs" />
        {form.inputs.map((row, i) => (
          <InputRowFields key={i} kit={kit} row={row} index={i} onChange={(patch) => setInput(i, patch)} onRemove={() => remove("inputs", i)} />
        ))}
        <button type="button" className="button button-quiet" onClick={() => add("inputs")}>
          Add an input
        </button>
      </fieldset>

      <fieldset className="post-rows" aria-describedby={kit.error("rules") ? `${kit.id("rules")}-error` : undefined}>
        <legend>Acceptance rules</legend>
        <p className="post-hint">The checks a delivery must pass. All but &ldquo;passes a command&rdquo; are checked by machine; with none, you review the delivery yourself.</p>
        <FieldError kit={kit} name="rules" />
        <datalist id={kit.id("input-names")}>
          {textInputs.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {form.rules.map((row, i) => (
          <RuleRowFields key={i} kit={kit} row={row} index={i} onChange={(patch) => setRule(i, patch)} onRemove={() => remove("rules", i)} />
        ))}
        <button type="button" className="button button-quiet" onClick={() => add("rules")}>
          Add a rule
        </button>
      </fieldset>

      <TextField
        kit={kit}
        name="deliverableMediaType"
        label="Deliverable media type (optional)"
        value={form.deliverableMediaType}
        onChange={(v) => set("deliverableMediaType", v)}
        list={kit.id("media-types")}
        mono
        hint="The delivery is handed over by URI and checked against its keccak256. Empty: the spec names no format."
      />
      <datalist id={kit.id("media-types")}>
        {MEDIA_TYPES.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>

      {form.category.trim() === TRANSFORM_CATEGORY ? (
        <fieldset>
          <legend>Transform</legend>
          <p className="post-hint">A {TRANSFORM_CATEGORY} job applies one operation to one input with inline text; the built-in worker does these.</p>
          <div className="post-grid">
            <SelectField
              kit={kit}
              name="transformOp"
              label="Transform operation"
              value={form.transformOp}
              onChange={(v) => set("transformOp", v as PostForm["transformOp"])}
              options={[{ value: "", label: "Choose…" }, ...TRANSFORM_OPS.map((op) => ({ value: op, label: op }))]}
            />
            <TextField
              kit={kit}
              name="transformInput"
              label="Transform input"
              value={form.transformInput}
              onChange={(v) => set("transformInput", v)}
              list={kit.id("input-names")}
              mono
              hint="The name of an input with inline text."
            />
          </div>
        </fieldset>
      ) : null}
    </section>
  );
}

function InputRowFields({ kit, row, index, onChange, onRemove }: { kit: Kit; row: InputRow; index: number; onChange: (patch: Partial<InputRow>) => void; onRemove: () => void }) {
  const n = index + 1;
  const key = `inputs.${index}`;
  return (
    <fieldset className="post-row">
      <legend>Input {n}</legend>
      <div className="post-grid">
        <TextField kit={kit} name={`${key}.name`} label={<LabelText hidden={`Input ${n}`}>Name</LabelText>} value={row.name} onChange={(name) => onChange({ name })} mono placeholder="e.g. input" />
        <SelectField
          kit={kit}
          name={`${key}.source`}
          label={<LabelText hidden={`Input ${n}`}>Given as</LabelText>}
          value={row.source}
          onChange={(source) => onChange({ source: source as InputRow["source"] })}
          options={[
            { value: "text", label: "inline text" },
            { value: "uri", label: "a URI" },
          ]}
        />
        <TextField
          kit={kit}
          name={`${key}.mediaType`}
          label={<LabelText hidden={`Input ${n}`}>Media type (optional)</LabelText>}
          value={row.mediaType}
          onChange={(mediaType) => onChange({ mediaType })}
          mono
          placeholder="e.g. text/csv"
        />
      </div>
      {row.source === "text" ? (
        <TextField kit={kit} name={`${key}.value`} label={<LabelText hidden={`Input ${n}`}>Text</LabelText>} value={row.value} onChange={(value) => onChange({ value })} rows={4} mono />
      ) : (
        <TextField kit={kit} name={`${key}.value`} label={<LabelText hidden={`Input ${n}`}>URI</LabelText>} value={row.value} onChange={(value) => onChange({ value })} mono placeholder="ipfs://…, https://…" />
      )}
      <button type="button" className="button button-quiet" onClick={onRemove}>
        Remove input {n}
      </button>
    </fieldset>
  );
}

function RuleRowFields({ kit, row, index, onChange, onRemove }: { kit: Kit; row: RuleRow; index: number; onChange: (patch: Partial<RuleRow>) => void; onRemove: () => void }) {
  const n = index + 1;
  const key = `rules.${index}`;
  const hidden = `Rule ${n}`;
  const noun = ruleValueNoun(row.kind);
  const label = noun.charAt(0).toUpperCase() + noun.slice(1);
  let value = null;
  switch (row.kind) {
    case "regex":
      value = (
        <div className="post-grid post-grid-wide">
          <TextField
            kit={kit}
            name={`${key}.value`}
            label={<LabelText hidden={hidden}>{label}</LabelText>}
            value={row.value}
            onChange={(v) => onChange({ value: v })}
            mono
            placeholder="^[A-Z].*$"
            hint="An ECMAScript regular expression tested against the whole delivery; anchor it with ^ and $."
          />
          <TextField kit={kit} name={`${key}.flags`} label={<LabelText hidden={hidden}>Flags (optional)</LabelText>} value={row.flags} onChange={(v) => onChange({ flags: v })} mono placeholder="i, m, s, u" />
        </div>
      );
      break;
    case "exact":
    case "contains":
    case "notContains":
    case "jsonSchema":
      value = (
        <TextField
          kit={kit}
          name={`${key}.value`}
          label={<LabelText hidden={hidden}>{label}</LabelText>}
          value={row.value}
          onChange={(v) => onChange({ value: v })}
          rows={row.kind === "jsonSchema" ? 5 : 3}
          mono
          placeholder={row.kind === "jsonSchema" ? '{ "type": "object" }' : undefined}
        />
      );
      break;
    case "maxChars":
    case "minChars":
      value = <TextField kit={kit} name={`${key}.value`} label={<LabelText hidden={hidden}>{label}</LabelText>} value={row.value} onChange={(v) => onChange({ value: v })} inputMode="numeric" />;
      break;
    case "lines":
      value = (
        <div className="post-grid">
          <TextField kit={kit} name={`${key}.min`} label={<LabelText hidden={hidden}>Minimum lines</LabelText>} value={row.min} onChange={(v) => onChange({ min: v })} inputMode="numeric" placeholder="none" />
          <TextField kit={kit} name={`${key}.max`} label={<LabelText hidden={hidden}>Maximum lines</LabelText>} value={row.max} onChange={(v) => onChange({ max: v })} inputMode="numeric" placeholder="none" />
        </div>
      );
      break;
    case "sameLinesAs":
      value = (
        <TextField
          kit={kit}
          name={`${key}.value`}
          label={<LabelText hidden={hidden}>{label}</LabelText>}
          value={row.value}
          onChange={(v) => onChange({ value: v })}
          list={kit.id("input-names")}
          mono
          hint="An input with inline text."
        />
      );
      break;
    case "command":
      value = <TextField kit={kit} name={`${key}.value`} label={<LabelText hidden={hidden}>{label}</LabelText>} value={row.value} onChange={(v) => onChange({ value: v })} mono placeholder="npm test" />;
      break;
    default:
      value = null;
  }
  return (
    <fieldset className="post-row">
      <legend>Rule {n}</legend>
      <div className="post-grid">
        <TextField kit={kit} name={`${key}.id`} label={<LabelText hidden={hidden}>Id</LabelText>} value={row.id} onChange={(v) => onChange({ id: v })} mono />
        <SelectField
          kit={kit}
          name={`${key}.kind`}
          label={<LabelText hidden={hidden}>Check</LabelText>}
          value={row.kind}
          onChange={(v) => onChange({ kind: v as RuleKind })}
          options={RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }))}
        />
      </div>
      <TextField kit={kit} name={`${key}.description`} label={<LabelText hidden={hidden}>Description</LabelText>} value={row.description} onChange={(v) => onChange({ description: v })} />
      {value}
      <button type="button" className="button button-quiet" onClick={onRemove}>
        Remove rule {n}
      </button>
    </fieldset>
  );
}
