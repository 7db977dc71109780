// A relayer: takes a supplier's signed actions over HTTP, checks each with the SDK before paying any gas (its shape,
// that it is for this relayer's escrow and may be submitted by this relayer, the signer's rate and gas budget, and a
// simulation of the call, which names the escrow's refusal), submits it from its own account, and answers with the
// mined transaction. One transaction at a time, so its own nonces never collide. Run by `tender relay` and the dev
// stack.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Address, getAddress, zeroAddress } from "viem";
import * as sdk from "@tender/sdk";

export interface RelayLimits {
  /** Largest request body, in bytes (default MAX_RELAY_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Actions taken per signer per rolling minute (default 30). */
  perSignerPerMinute?: number;
  /** Gas this relayer pays for one signer per rolling hour (default 3,000,000). */
  gasPerSignerPerHour?: bigint;
}

export interface Relayer {
  url: string;
  address: Address;
  close: () => Promise<void>;
  /** What it carried: signer → gas paid for it in the current hour. */
  gasBySigner: () => Map<Address, bigint>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Starts a relayer for `escrow` paying from `writer`'s account, on `port` (0: a free one) of `host`. */
export async function startRelayer(p: {
  reader: sdk.Reader;
  writer: sdk.Writer;
  escrow: Address;
  port?: number;
  host?: string;
  limits?: RelayLimits;
  log?: (line: string) => void;
}): Promise<Relayer> {
  const maxBody = p.limits?.maxBodyBytes ?? sdk.MAX_RELAY_BODY_BYTES;
  const perMinute = p.limits?.perSignerPerMinute ?? 30;
  const gasPerHour = p.limits?.gasPerSignerPerHour ?? 3_000_000n;
  const me = p.writer.account.address;
  const taken = new Map<Address, number[]>(); // signer → times of actions taken
  const paid = new Map<Address, { at: number; gas: bigint }[]>(); // signer → gas paid
  let queue: Promise<unknown> = Promise.resolve();
  const log = p.log ?? (() => {});

  const gasInHour = (signer: Address, now: number) =>
    (paid.get(signer) ?? []).filter((e) => now - e.at < HOUR).reduce((sum, e) => sum + e.gas, 0n);

  async function carry(s: sdk.RelayedAction) {
    // A reveal is counted against the supplier whose bid it opens.
    const signer = getAddress(sdk.actorOf(s));
    if (s.escrow.toLowerCase() !== p.escrow.toLowerCase()) return reply(400, `this relayer carries actions for the escrow ${p.escrow} only, not ${s.escrow}`);
    if (s.signed && s.signed.relayer !== zeroAddress && s.signed.relayer.toLowerCase() !== me.toLowerCase()) {
      return reply(400, `the action names the relayer ${s.signed.relayer}; this one is ${me}`);
    }
    const now = Date.now();
    const recent = (taken.get(signer) ?? []).filter((t) => now - t < MINUTE);
    if (recent.length >= perMinute) return reply(429, `${signer} sent ${recent.length} actions in the last minute; this relayer takes ${perMinute} a minute`);
    recent.push(now);
    taken.set(signer, recent);

    let call;
    try {
      call = sdk.signedCall(await sdk.withFloors(p.reader, s));
    } catch (error) {
      return reply(400, (error as Error).message);
    }
    let gas: bigint;
    try {
      gas = await p.reader.estimateContractGas({ ...call, account: p.writer.account } as Parameters<sdk.Reader["estimateContractGas"]>[0]);
    } catch (error) {
      return reply(422, sdk.describeError(error));
    }
    const spent = gasInHour(signer, now);
    if (spent + gas > gasPerHour) return reply(429, `${signer}'s actions used ${spent} gas of this relayer's ${gasPerHour} an hour; this one needs ${gas}`);
    try {
      const hash = await sdk.submitSigned(p.writer, p.reader, s);
      const receipt = await sdk.waitForSuccess(p.reader, hash);
      paid.set(signer, [...(paid.get(signer) ?? []).filter((e) => now - e.at < HOUR), { at: now, gas: receipt.gasUsed }]);
      log(`carried ${s.action.kind} for ${signer}: ${hash} (${receipt.gasUsed} gas)`);
      return reply(200, { hash, blockNumber: receipt.blockNumber.toString(), gasUsed: receipt.gasUsed.toString() });
    } catch (error) {
      return reply(422, sdk.describeError(error));
    }
  }

  function reply(status: number, body: string | Record<string, unknown>) {
    return { status, body: typeof body === "string" ? { error: body } : body };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const send = ({ status, body }: { status: number; body: Record<string, unknown> }) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && request.url === "/") {
      return send({ status: 200, body: { relayer: me, escrow: p.escrow, chainId: p.reader.chain.id, limits: { maxBodyBytes: maxBody, perSignerPerMinute: perMinute, gasPerSignerPerHour: gasPerHour.toString() } } });
    }
    if (request.method !== "POST" || request.url !== "/actions") return send(reply(404, "POST a signed action to /actions"));
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return send(reply(413, `a signed action is at most ${maxBody} bytes`));
      chunks.push(chunk as Buffer);
    }
    let action: sdk.RelayedAction;
    try {
      action = sdk.signedActionFromJson(Buffer.concat(chunks).toString("utf8"));
    } catch (error) {
      return send(reply(400, (error as Error).message));
    }
    // One at a time: the relayer's own transactions go out in order.
    const answer = (queue = queue.then(() => carry(action), () => carry(action)));
    send(await (answer as Promise<ReturnType<typeof reply>>));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: (error as Error).message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(p.port ?? 0, p.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${p.host ?? "127.0.0.1"}:${port}`,
    address: me,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    gasBySigner: () => new Map([...paid.keys()].map((signer) => [signer, gasInHour(signer, Date.now())])),
  };
}
