// The arbitrator, picked from the registry's active arbitrators, each with its fee, ruling window and record; or
// any address typed in (when the registry cannot be read, that is the only way).
import { useState } from "react";
import type { Arbitrator } from "../../lib/api-types.ts";
import { formatBps, formatDuration } from "../../lib/format.ts";
import { FieldError, type Kit, described } from "./fields.tsx";

/** "2 for the buyer, 1 for the supplier, 0 even, 1 timed out". */
export function arbitratorRecord(a: Arbitrator): string {
  return `${a.rulingsForBuyer} for the buyer, ${a.rulingsForSupplier} for the supplier, ${a.rulingsEven} even, ${a.timedOut} timed out`;
}

export function ArbitratorPicker({
  kit,
  arbitrators,
  problem,
  value,
  onChange,
}: {
  kit: Kit;
  arbitrators: readonly Arbitrator[];
  /** Why the registry could not be read. */
  problem?: string;
  value: string;
  onChange: (address: string) => void;
}) {
  const listed = (address: string) => arbitrators.some((a) => a.address.toLowerCase() === address.trim().toLowerCase());
  const [other, setOther] = useState(arbitrators.length === 0 || (value !== "" && !listed(value)));
  const errorId = kit.error("arbitrator") ? `${kit.id("arbitrator")}-error` : undefined;
  const addressInput = (
    <div className="field">
      <label htmlFor={kit.id("arbitrator")}>Arbitrator address</label>
      <input
        id={kit.id("arbitrator")}
        name="arbitrator-address"
        className="post-mono"
        value={other ? value : ""}
        placeholder="0x…"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setOther(true);
          onChange(e.target.value);
        }}
        {...described(kit, "arbitrator")}
      />
    </div>
  );
  return (
    <fieldset aria-describedby={errorId}>
      <legend>Arbitrator</legend>
      <p className="post-hint">
        A dispute goes to the arbitrator the job names. Opening or answering one costs each side the arbitrator&apos;s fee,
        a share of the price.
      </p>
      {problem ? <p className="notice notice-warn">The arbitrator registry is unavailable ({problem}); type an arbitrator&apos;s address.</p> : null}
      {arbitrators.length === 0 ? (
        <>
          {problem ? null : <p className="muted">No active arbitrator is registered yet; type an arbitrator&apos;s address.</p>}
          {addressInput}
        </>
      ) : (
        <ul className="post-choices">
          {arbitrators.map((a) => {
            const id = `${kit.id("arbitrator")}-${a.address}`;
            const checked = !other && value.toLowerCase() === a.address.toLowerCase();
            return (
              <li key={a.address}>
                <label className="post-choice" htmlFor={id}>
                  <input
                    type="radio"
                    id={id}
                    name="arbitrator"
                    value={a.address}
                    checked={checked}
                    onChange={() => {
                      setOther(false);
                      onChange(a.address);
                    }}
                    {...described(kit, "arbitrator")}
                  />
                  <span className="post-choice-text">
                    <code className="break">{a.address}</code>
                    <span className="post-choice-facts">
                      <span>fee {formatBps(a.feeBps)} from each side</span>
                      <span>rules within {formatDuration(a.ruleWindow)}</span>
                      <span>record: {arbitratorRecord(a)}</span>
                      <span>
                        {a.disputeCount} {a.disputeCount === 1 ? "dispute" : "disputes"}, named by {a.jobsNamed} {a.jobsNamed === 1 ? "job" : "jobs"}
                      </span>
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
          <li>
            <label className="post-choice" htmlFor={`${kit.id("arbitrator")}-other`}>
              <input
                type="radio"
                id={`${kit.id("arbitrator")}-other`}
                name="arbitrator"
                value=""
                checked={other}
                onChange={() => {
                  setOther(true);
                  onChange("");
                }}
                {...described(kit, "arbitrator")}
              />
              <span className="post-choice-text">Another arbitrator (by address)</span>
            </label>
            {other ? addressInput : null}
          </li>
        </ul>
      )}
      <FieldError kit={kit} name="arbitrator" />
    </fieldset>
  );
}
