// Resilient subscriptions to Tender's events: a cursor that walks the chain with eth_getLogs over bounded block
// ranges. No eth_newFilter: a filter lives in one node's memory and dies with that node or the connection to it,
// silently dropping whatever happened in between; a cursor survives both, and survives the process when persisted.
import { type Address, type DecodeEventLogReturnType, type Hash, type Log, decodeEventLog, isAddressEqual } from "viem";
import { supplierRegistryAbi, tenderEscrowAbi } from "./generated.ts";
import { type Reader, categoryId, readJob } from "./escrow.ts";

/** A log's place in chain order: its block, then its index in that block. */
export interface LogPosition {
  blockNumber: bigint;
  logIndex: number;
}

/**
 * The logIndex of a cursor that covers its whole block. A large finite number rather than Infinity so that a cursor
 * persisted as JSON (with blockNumber as a string) comes back intact.
 */
export const BLOCK_END = Number.MAX_SAFE_INTEGER;

interface LogMeta {
  /** The emitting contract, as the node reported it. */
  address: Address;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
}

/** An escrow event, decoded with the generated ABI: narrow on `eventName` to get typed `args`. */
export type EscrowEvent = DecodeEventLogReturnType<typeof tenderEscrowAbi> & LogMeta;
/** A supplier-registry event, decoded with the generated ABI. */
export type RegistryEvent = DecodeEventLogReturnType<typeof supplierRegistryAbi> & LogMeta;
export type TenderEvent = EscrowEvent | RegistryEvent;
export type TenderEventName = TenderEvent["eventName"];

/** Decides whether an event is delivered. May read the chain (it runs inside the retry loop: a failed read is
 * retried like a failed getLogs, and the cursor does not move past an event before its filter answered). */
export type TenderFilter = (event: TenderEvent) => boolean | Promise<boolean>;

export interface WatchOptions {
  escrow: Address;
  /** Also follow the supplier registry's events (profiles, attestations), interleaved in chain order. */
  registry?: Address;
  /** First block to scan, e.g. the deployment's startBlock. */
  fromBlock: bigint;
  /** Resume point: skip every log at or before it. Pass back what {@link TenderWatcher.cursor} returned (with the
   * same fromBlock, or any fromBlock at or before it) to resume with no gap and no repeat. */
  after?: LogPosition;
  /** Receives each scanned range's events (after the filter), in chain order, never empty. The cursor moves only
   * once it resolves: if it throws, the same events come again after a backoff. Delivery is therefore
   * at-least-once per call; make handlers idempotent or persist the cursor with their effects. */
  onEvents: (events: TenderEvent[]) => void | Promise<void>;
  /** Sees every failure (RPC, filter or handler) with the count of failures in a row; the watcher retries anyway.
   * Call stop() from here to give up. Errors thrown by onError itself are ignored. */
  onError?: (error: unknown, attempt: number) => void;
  filter?: TenderFilter;
  /** Stay this many blocks behind the head (there is no reorg detection: on chains that reorg, wait them out). */
  confirmations?: number;
  /** Largest block range per getLogs; default 2,000. Lower it for providers that cap ranges or result counts. */
  maxBlockRange?: number;
  /** Milliseconds between polls once caught up; default 1,000. */
  pollingInterval?: number;
  /** Retry delays: initialMs × 2^(attempt − 1), capped at maxMs; defaults 100 ms and 5,000 ms. */
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface TenderWatcher {
  /**
   * Everything at or before this position (from fromBlock on) has been delivered or filtered out, and nothing
   * after it has. After each scanned range it is { blockNumber: the range's last block, logIndex: BLOCK_END }, so
   * quiet blocks are not scanned again on resume. Before the first range it is `after`, or the block before
   * fromBlock (which is -1n for fromBlock 0n). Persist it and pass it back as `after`.
   */
  cursor(): LogPosition;
  /** Resolves (with the cursor) once a poll that started after this call has scanned up to the head it saw (less
   * the confirmations): with no confirmations, awaiting it after a transaction's receipt means the watcher has
   * delivered that transaction's events. Rejects if the watcher stops first. */
  caughtUp(): Promise<LogPosition>;
  /** Stops polling, interrupting any backoff or polling wait; resolves once the loop has exited and no timer is
   * left. A request or handler already running is awaited (requests are bounded by the transport's timeout), but
   * no onEvents call starts after stop(). */
  stop(): Promise<void>;
}

function isAfter(log: LogPosition, cursor: LogPosition): boolean {
  return log.blockNumber > cursor.blockNumber || (log.blockNumber === cursor.blockNumber && log.logIndex > cursor.logIndex);
}

/**
 * Follows the escrow's (and optionally the registry's) events from `fromBlock`, handing them to `onEvents` in
 * chain order. Each poll reads the head, then walks [cursor + 1, head − confirmations] in ranges of at most
 * maxBlockRange blocks. Any failure keeps the cursor where it is and retries after an exponential backoff, so a
 * range is never skipped however often the connection drops. Use the reader's own transport (viem's http); its
 * retries, if enabled, run inside each attempt.
 */
export function watchTender(reader: Reader, options: WatchOptions): TenderWatcher {
  const { escrow, registry, filter, onEvents, onError } = options;
  const addresses: Address[] = registry ? [escrow, registry] : [escrow];
  const confirmations = BigInt(options.confirmations ?? 0);
  const maxRange = BigInt(options.maxBlockRange ?? 2_000);
  if (maxRange < 1n) throw new RangeError("maxBlockRange must be at least 1");
  const pollingInterval = options.pollingInterval ?? 1_000;
  const initialDelay = options.backoff?.initialMs ?? 100;
  const maxDelay = options.backoff?.maxMs ?? 5_000;

  const start: LogPosition = { blockNumber: options.fromBlock - 1n, logIndex: BLOCK_END };
  let cursor = options.after && isAfter(options.after, start) ? { ...options.after } : start;
  // The cursor's own block is scanned again unless the cursor covers all of it; isAfter drops what was delivered.
  let next = cursor.logIndex === BLOCK_END ? cursor.blockNumber + 1n : cursor.blockNumber;

  let stopped = false;
  let attempt = 0;
  let polls = 0;
  const waiters: { after: number; resolve: (at: LogPosition) => void; reject: (error: Error) => void }[] = [];

  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  function decode(log: Log<bigint, number, false>): TenderEvent | undefined {
    const meta: LogMeta = {
      address: log.address,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
    };
    try {
      if (isAddressEqual(log.address, escrow)) {
        return { ...decodeEventLog({ abi: tenderEscrowAbi, data: log.data, topics: log.topics }), ...meta };
      }
      return { ...decodeEventLog({ abi: supplierRegistryAbi, data: log.data, topics: log.topics }), ...meta };
    } catch {
      // A log the generated ABI does not know. The generated ABI is the deployed contract's, so this means a
      // mismatched deployment; skipping beats stalling the subscription forever on it.
      return undefined;
    }
  }

  async function scan(): Promise<void> {
    const head = (await reader.getBlockNumber({ cacheTime: 0 })) - confirmations;
    while (!stopped && next <= head) {
      const to = next + maxRange - 1n < head ? next + maxRange - 1n : head;
      const logs = await reader.getLogs({ address: addresses, fromBlock: next, toBlock: to });
      // Nodes return logs in order, but nothing in the JSON-RPC spec promises it across two addresses.
      logs.sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
      const events: TenderEvent[] = [];
      for (const log of logs) {
        if (!isAfter(log, cursor)) continue;
        const event = decode(log);
        if (event && (!filter || (await filter(event)))) events.push(event);
      }
      if (stopped) return;
      if (events.length > 0) await onEvents(events);
      cursor = { blockNumber: to, logIndex: BLOCK_END };
      next = to + 1n;
      attempt = 0;
    }
  }

  const done = (async () => {
    while (!stopped) {
      const poll = ++polls;
      try {
        await scan();
        if (stopped) break;
        attempt = 0;
        for (let i = waiters.length - 1; i >= 0; i--) {
          const waiter = waiters[i]!;
          if (waiter.after < poll) {
            waiters.splice(i, 1);
            waiter.resolve({ ...cursor });
          }
        }
        await sleep(pollingInterval);
      } catch (error) {
        if (stopped) break;
        attempt += 1;
        try {
          onError?.(error, attempt);
        } catch {
          // A broken error reporter must not end the subscription.
        }
        if (!stopped) await sleep(Math.min(maxDelay, initialDelay * 2 ** Math.min(attempt - 1, 30)));
      }
    }
    for (const waiter of waiters.splice(0)) waiter.reject(new Error("the watcher stopped"));
  })();

  return {
    cursor: () => ({ ...cursor }),
    caughtUp: () =>
      new Promise<LogPosition>((resolve, reject) => {
        if (stopped) return reject(new Error("the watcher stopped"));
        waiters.push({ after: polls, resolve, reject });
      }),
    stop: () => {
      stopped = true;
      wake?.();
      return done;
    },
  };
}

/** Delivers an event when any of the filters does (in order; later filters are not asked once one says yes). */
export function anyOf(...filters: TenderFilter[]): TenderFilter {
  return async (event) => {
    for (const f of filters) if (await f(event)) return true;
    return false;
  };
}

/**
 * New jobs: RFQPosted and DirectHirePosted whose category is `category` (a name such as "text", compared as
 * {@link categoryId}); every new job when no category is given. Needs no read.
 */
export function newJobs(p: { category?: string } = {}): TenderFilter {
  const id = p.category === undefined ? undefined : categoryId(p.category).toLowerCase();
  return (event) => {
    if (event.eventName === "RFQPosted") return id === undefined || event.args.rfq.category.toLowerCase() === id;
    if (event.eventName === "DirectHirePosted") return id === undefined || event.args.hire.category.toLowerCase() === id;
    return false;
  };
}

/** Who a job's parties are, read once per job: neither changes once set (the supplier is set before the events
 * that ask). A failed read is not cached, so the watcher's retry reads again. */
function jobParties(reader: Reader, escrow: Address) {
  const cache = new Map<bigint, Promise<{ buyer: Address; supplier: Address }>>();
  return (jobId: bigint) => {
    let parties = cache.get(jobId);
    if (!parties) {
      parties = readJob(reader, { escrow, jobId }).then(({ buyer, supplier }) => ({ buyer, supplier }));
      const pending = parties;
      cache.set(jobId, pending);
      pending.catch(() => {
        if (cache.get(jobId) === pending) cache.delete(jobId);
      });
    }
    return parties;
  };
}

/**
 * Bids on my jobs: BidPlaced and BidImproved.
 * - `{ jobId }`: on the given job(s); needs no read. Use it when the caller knows its job ids (it posted them).
 * - `{ buyer, reader, escrow }`: on every job whose buyer is `buyer`, including jobs posted before the watcher
 *   started or by another process; reads each bid-on job once (cached per job) through `reader`.
 */
export function bidsOn(
  p: { jobId: bigint | readonly bigint[] } | { buyer: Address; reader: Reader; escrow: Address },
): TenderFilter {
  if ("jobId" in p) {
    const ids = new Set(typeof p.jobId === "bigint" ? [p.jobId] : p.jobId);
    return (event) => (event.eventName === "BidPlaced" || event.eventName === "BidImproved") && ids.has(event.args.jobId);
  }
  const parties = jobParties(p.reader, p.escrow);
  return async (event) => {
    if (event.eventName !== "BidPlaced" && event.eventName !== "BidImproved") return false;
    return isAddressEqual((await parties(event.args.jobId)).buyer, p.buyer);
  };
}

/** Work coming my way: JobAwarded to `supplier` (an RFQ won, by award or pick) and DirectHirePosted naming it.
 * Needs no read. */
export function awardsTo(supplier: Address): TenderFilter {
  return (event) =>
    (event.eventName === "JobAwarded" || event.eventName === "DirectHirePosted") &&
    isAddressEqual(event.args.supplier, supplier);
}

/**
 * Disputes naming `account`: DisputeOpened where it is the arbitrator (an indexed argument, no read) or the job's
 * buyer or supplier (read once per disputed job, cached, through `reader`).
 */
export function disputesNaming(p: { account: Address; reader: Reader; escrow: Address }): TenderFilter {
  const parties = jobParties(p.reader, p.escrow);
  return async (event) => {
    if (event.eventName !== "DisputeOpened") return false;
    if (isAddressEqual(event.args.arbitrator, p.account)) return true;
    const { buyer, supplier } = await parties(event.args.jobId);
    return isAddressEqual(buyer, p.account) || isAddressEqual(supplier, p.account);
  };
}
