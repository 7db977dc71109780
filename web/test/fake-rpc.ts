// The chain's JSON-RPC as the component tests fake it (fetch stubbed): chain 31337 at block 42, `eth_call` answered
// by the test, every transaction mined in block 42 with the receipt's logs the test gives. Returns the list of
// methods asked, in order. The browser suite (test/e2e) runs the same components against a real node.
import { vi } from "vitest";

export type CallAnswer = { result?: string; error?: { code: number; message: string; data?: string } };

export interface FakeRpcOptions {
  /** The answer to an `eth_call`, by its calldata. */
  call: (data: string) => CallAnswer;
  /** The sender and the contract the receipts name. */
  from: string;
  to: string;
  /** The receipts' logs; default none. */
  logs?: () => unknown[];
  /** What `eth_getBlockByNumber` answers; default: not offered. */
  block?: unknown;
}

export function fakeRpc(options: FakeRpcOptions): string[] {
  const methods: string[] = [];
  const fetchStub = vi.fn(async (_url: unknown, init?: { body?: string }) => {
    const body = JSON.parse(String(init?.body));
    const answer = (request: { id: number; method: string; params: unknown[] }) => {
      methods.push(request.method);
      const ok = (result: unknown) => ({ jsonrpc: "2.0", id: request.id, result });
      switch (request.method) {
        case "eth_chainId":
          return ok("0x7a69");
        case "eth_call":
          return { jsonrpc: "2.0", id: request.id, ...options.call(String((request.params[0] as { data?: string }).data)) };
        case "eth_blockNumber":
          return ok("0x2a");
        case "eth_getBlockByNumber":
          if (options.block !== undefined) return ok(options.block);
          break;
        case "eth_getTransactionReceipt":
          return ok({
            transactionHash: request.params[0],
            transactionIndex: "0x0",
            blockHash: `0x${"cd".repeat(32)}`,
            blockNumber: "0x2a",
            from: options.from,
            to: options.to,
            cumulativeGasUsed: "0x5208",
            gasUsed: "0x5208",
            effectiveGasPrice: "0x1",
            contractAddress: null,
            logs: options.logs?.() ?? [],
            logsBloom: `0x${"00".repeat(256)}`,
            status: "0x1",
            type: "0x2",
          });
      }
      return { jsonrpc: "2.0", id: request.id, error: { code: -32601, message: `no ${request.method}` } };
    };
    const out = Array.isArray(body) ? body.map(answer) : answer(body);
    return new Response(JSON.stringify(out), { headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchStub);
  return methods;
}
