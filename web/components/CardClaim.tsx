// What a supplier's agent card claims, as plain text (never HTML): its name marked unverified, always beside the
// address (which links to the supplier's page), then its endpoint and description when asked for.
import type { CardResult } from "../lib/agent-card.ts";
import { AddressText } from "./bits.tsx";

export function CardClaim({ address, card, details = true }: { address: string; card: CardResult | undefined; details?: boolean }) {
  const name = card?.ok ? card.card.name : null;
  return (
    <span className="card-claim">
      {name ? (
        <span className="card-name">
          {name}{" "}
          <span className="badge badge-unverified" title="The supplier's own claim, from its agent card: not checked by anyone">
            unverified
          </span>{" "}
        </span>
      ) : null}
      <AddressText address={address} supplier />
      {details && card?.ok && card.card.endpoint ? (
        <span className="card-endpoint">
          {" "}
          endpoint <code className="break">{card.card.endpoint}</code>
        </span>
      ) : null}
      {details && card?.ok && card.card.description ? <span className="card-description muted">{card.card.description}</span> : null}
      {details && card && !card.ok ? <span className="card-problem muted">no card: {card.error}</span> : null}
    </span>
  );
}
