// A statement, an answer or a piece of evidence as a reader wants it: the text itself when the URI carries it (a
// data: URI of text or JSON, as the app and the CLI write them), else the URI, linked when it is a web address.
// Server component: the SDK's data: decoder is server-side code.
import { decodeDataUri } from "@tender/sdk/deliverable";
import type { Evidence } from "../lib/api-types.ts";
import { formatAbsolute } from "../lib/format.ts";

const MAX_INLINE = 16 * 1024;

export function UriContent({ uri }: { uri: string }) {
  if (uri.startsWith("data:")) {
    try {
      const { mediaType, bytes } = decodeDataUri(uri, { maxBytes: MAX_INLINE });
      if (/^(text\/|application\/json)/i.test(mediaType)) {
        return <blockquote className="uri-text">{new TextDecoder().decode(bytes)}</blockquote>;
      }
      return <span className="muted">{`${mediaType}, ${bytes.length} bytes (inline)`}</span>;
    } catch {
      return <code className="break">{uri.slice(0, 80)}…</code>;
    }
  }
  if (/^https?:\/\//i.test(uri)) {
    return (
      <a className="break" href={uri} rel="noreferrer noopener" target="_blank">
        {uri}
      </a>
    );
  }
  return <code className="break">{uri}</code>;
}

/** A dispute's (or a warranty claim's) evidence, oldest first: who gave it, when, and what it says. */
export function EvidenceList({ evidence, heading: Heading = "h3" }: { evidence: Pick<Evidence, "id" | "role" | "submittedAt" | "uri">[]; heading?: "h3" | "h4" }) {
  if (evidence.length === 0) return null;
  return (
    <>
      <Heading>Evidence</Heading>
      <ul className="plain-list">
        {evidence.map((e) => (
          <li key={e.id}>
            <span className="tag">{e.role}</span> <span className="muted">{formatAbsolute(e.submittedAt)}</span> <UriContent uri={e.uri} />
          </li>
        ))}
      </ul>
    </>
  );
}
