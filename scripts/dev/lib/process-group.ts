// Stopping a child spawned `detached: true` (its own process group) with everything it started: SIGTERM to the
// group, up to 5 s to exit, then SIGKILL to whatever is left (Ponder's esbuild service, Next's workers).
import type { ChildProcess } from "node:child_process";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stop function for `child`: safe to call twice (the second call waits for the first); resolves once it exited. */
export function groupStopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone
    }
  };
  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signal("SIGTERM");
        await Promise.race([exited, sleep(5_000)]);
      }
      signal("SIGKILL");
      await Promise.race([exited, sleep(2_000)]);
    })());
}
