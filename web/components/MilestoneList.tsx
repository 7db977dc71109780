// The milestones of a job paid in parts: each one's share, what it pays, its delivery window, its state (settled /
// in progress: awarded, delivered, disputed / to come) and the deadline of the one in progress; under a holdback,
// each settled milestone's held share and its warranty (payment index = milestone index; the Warranty panel has the
// claim's details). The plan and the state are the chain's (lib/milestones.ts).
import type { HeldPayment } from "../lib/api-types.ts";
import { type TokenInfo, formatBps, formatDuration } from "../lib/format.ts";
import { type JobMilestones, MILESTONE_STATE_WORDS, milestoneViews } from "../lib/milestones.ts";
import { Amount } from "./bits.tsx";
import { RelativeTime } from "./RelativeTime.tsx";

/** A held share's state in a few words, as the Warranty panel tells it at length. */
function heldWords(h: Pick<HeldPayment, "claimStatus" | "outcome">): string {
  if (h.outcome) return `paid out (${h.outcome.toLowerCase()})`;
  if (h.claimStatus === "filed" || h.claimStatus === "answered") return "claimed";
  return "under warranty";
}

export function MilestoneList({
  milestones,
  held = [],
  token,
  now,
  atMaxPrice = false,
  direct = false,
}: {
  milestones: JobMilestones;
  held?: readonly Pick<HeldPayment, "payment" | "held" | "heldAtSettlement" | "warrantyEndsAt" | "claimStatus" | "outcome">[];
  token: TokenInfo;
  now: number;
  /** An RFQ before its award: the amounts are at the maximum price. */
  atMaxPrice?: boolean;
  /** A direct hire: its first milestone's window runs from the posting, not an award. */
  direct?: boolean;
}) {
  const views = milestoneViews(milestones);
  const settled = views.filter((v) => v.state === "settled").length;
  return (
    <section className="panel" aria-labelledby="milestones-title">
      <h2 id="milestones-title">
        Milestones <span className="count">{settled} of {views.length} settled</span>
      </h2>
      {atMaxPrice ? <p className="muted">Amounts at the maximum price; the same shares of the winning bid are paid.</p> : null}
      <ol className="milestones">
        {views.map((v) => {
          const h = held.find((row) => row.payment === v.index);
          const current = v.deadline !== undefined;
          return (
            <li key={v.index} className={`milestone milestone-${v.state.replace(" ", "-")}${current ? " milestone-current" : ""}`} aria-current={current ? "step" : undefined}>
              <h3>
                Milestone {v.index + 1}
                <span className="milestone-state">{MILESTONE_STATE_WORDS[v.state]}</span>
              </h3>
              <dl className="facts">
                <div>
                  <dt>Share</dt>
                  <dd>
                    {formatBps(v.shareBps)} · <Amount value={v.amount} token={token} />
                    {v.index === views.length - 1 ? <span className="muted"> (the rest of the price)</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>Delivery window</dt>
                  <dd>
                    {formatDuration(v.deliveryWindow)}
                    <span className="muted">{v.index === 0 ? (direct ? " from the posting" : " from the award") : ` from milestone ${v.index}'s payment`}</span>
                  </dd>
                </div>
                {v.deadline ? (
                  <div className="deadline-current">
                    <dt>{v.deadline.label}</dt>
                    <dd>
                      <RelativeTime timestamp={v.deadline.at} now={now} />
                    </dd>
                  </div>
                ) : null}
                {h ? (
                  <div>
                    <dt>Held</dt>
                    <dd>
                      <Amount value={h.outcome ? h.heldAtSettlement : h.held} token={token} /> {heldWords(h)}
                      {h.outcome ? null : (
                        <>
                          {h.warrantyEndsAt > now ? ", the warranty ends " : ", the warranty ended "}
                          <RelativeTime timestamp={h.warrantyEndsAt} now={now} absolute={false} />
                        </>
                      )}
                    </dd>
                  </div>
                ) : null}
              </dl>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
