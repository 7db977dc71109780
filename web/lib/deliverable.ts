// A text deliverable's keccak256 and self-contained data: URI, in the browser: the same bytes and URI as the SDK's
// encodeDeliverable(text, "text/plain") (scripts/sdk/deliverable.ts, which reads files and so is server-only).
import { type Hash, keccak256 } from "viem";

export function encodeTextDeliverable(text: string, mediaType = "text/plain"): { hash: Hash; uri: string; bytes: number } {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const type = /;\s*charset=/i.test(mediaType) ? mediaType : `${mediaType};charset=utf-8`;
  return { hash: keccak256(bytes), uri: `data:${type};base64,${btoa(binary)}`, bytes: bytes.length };
}
