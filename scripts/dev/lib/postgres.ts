// A private PostgreSQL cluster for tests and benchmarks: Debian's binaries (`apt-get install -y postgresql`), a
// fresh cluster in a temporary folder, listening on 127.0.0.1 on a free port, with one database; stop() removes it
// all. No system service is used or started. initdb refuses to run as root: as root (CI), the folder is handed to
// the `postgres` user and initdb/pg_ctl run as that user (`runuser -u postgres --`).
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./ports.ts";

const run = promisify(execFile);

export interface PostgresOptions {
  /** Name of the database to create; default "tender". */
  database?: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** Throwaway durability (fsync, synchronous_commit and full_page_writes off): faster writes, for tests whose
   * data dies with the cluster anyway. Default false: PostgreSQL's own settings, as in production. */
  fast?: boolean;
  /** Extra `postgresql.conf` settings, e.g. { shared_buffers: "256MB" }. */
  settings?: Record<string, string | number>;
}

export interface RunningPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/<database>`: the superuser, trust authentication on loopback. */
  url: string;
  port: number;
  database: string;
  /** The temporary folder holding the cluster (`data/`) and its log (`postgres.log`). */
  dir: string;
  /** What the server logged so far. */
  log: () => string;
  /** Creates another database in the same cluster and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** Stops the server and removes its folder; safe to call twice. */
  stop: () => Promise<void>;
}

const INSTALL_HINT =
  "PostgreSQL is not installed: on Debian or Ubuntu, `apt-get install -y postgresql` (as root; no service needs to " +
  "run), or set TENDER_POSTGRES_BIN to a folder holding initdb and pg_ctl";

/** The folder holding PostgreSQL's server binaries: $TENDER_POSTGRES_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin(): string {
  const has = (dir: string) => ["initdb", "pg_ctl", "postgres"].every((name) => existsSync(join(dir, name)));
  const configured = process.env.TENDER_POSTGRES_BIN;
  if (configured) {
    if (!has(configured)) throw new Error(`TENDER_POSTGRES_BIN=${configured} holds no initdb, pg_ctl and postgres`);
    return configured;
  }
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) if (has(join(base, version, "bin"))) return join(base, version, "bin");
  throw new Error(INSTALL_HINT);
}

const isRoot = () => process.getuid?.() === 0;

/** The uid and gid of the `postgres` user, which Debian's package creates. */
function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error(`running as root, and there is no "postgres" user to run initdb as (initdb refuses root). ${INSTALL_HINT}`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a server binary: as the `postgres` user when we are root, as ourselves otherwise. */
function server(bin: string, name: string, args: string[], cwd: string) {
  const [file, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", join(bin, name), ...args]] : [join(bin, name), args];
  return run(file, argv, { cwd, env: { ...process.env, LC_ALL: "C" }, maxBuffer: 16 * 1024 * 1024 });
}

const quote = (value: string | number) => (typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`);

// Clusters still running when the process exits (a test that forgot stop(), an exception): stopped on the way out.
const live = new Map<string, () => void>();
let exitHook = false;
function onExit(dir: string, cleanup: () => void) {
  live.set(dir, cleanup);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const stop of live.values()) stop();
    });
  }
}

/** Starts a private PostgreSQL cluster (see the file's header) and creates one database in it. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  const database = options.database ?? "tender";
  const dir = mkdtempSync(join(tmpdir(), "tender-pg-"));
  const data = join(dir, "data");
  const logFile = join(dir, "postgres.log");
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const remove = () => rmSync(dir, { recursive: true, force: true });

  let port = 0;
  let started = false;
  const stopSync = () => {
    try {
      if (started) {
        const args = ["-D", data, "-m", "immediate", "-w", "stop"];
        if (isRoot()) execFileSync("runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...args], { cwd: dir, stdio: "ignore" });
        else execFileSync(join(bin, "pg_ctl"), args, { cwd: dir, stdio: "ignore" });
      }
    } catch {
      // already stopped
    }
    remove();
  };

  try {
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    await server(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], dir).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`initdb failed: ${error.stderr || error.message}`);
      },
    );
    const settings: Record<string, string | number> = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: dir,
      ...(options.fast ? { fsync: "off", synchronous_commit: "off", full_page_writes: "off" } : {}),
      ...options.settings,
    };
    // The port is chosen just before the start; another process may take it first: try again on a new one.
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freePort());
      appendFileSync(
        join(data, "postgresql.conf"),
        "\n# tender: private cluster\n" + Object.entries({ ...settings, port }).map(([key, value]) => `${key} = ${quote(value)}`).join("\n") + "\n",
      );
      try {
        await server(bin, "pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", "start"], dir);
        started = true;
        break;
      } catch (error) {
        const why = log().split("\n").slice(-15).join("\n") || (error as { stderr?: string }).stderr || String(error);
        if (options.port !== undefined || attempt >= 3 || !/could not bind|Address already in use/i.test(why)) {
          throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}:\n${why}`);
        }
      }
    }
    onExit(dir, stopSync);

    const urlOf = (name: string) => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    // createdb talks TCP as the cluster's superuser (trust on loopback): no need to switch user.
    const create = async (name: string) => {
      const createdb = existsSync(join(bin, "createdb")) ? join(bin, "createdb") : "createdb";
      try {
        await run(createdb, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name], { cwd: dir });
      } catch (error) {
        throw new Error(`createdb ${name} failed: ${(error as { stderr?: string }).stderr || String(error)}`);
      }
      return urlOf(name);
    };
    const url = await create(database);

    // Immediate: no shutdown checkpoint, the folder is removed anyway.
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        live.delete(dir);
        try {
          await server(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], dir);
        } catch {
          stopSync();
        }
        started = false;
        remove();
      })());
    return { url, port, database, dir, log, createDatabase: create, stop };
  } catch (error) {
    live.delete(dir);
    stopSync();
    throw error;
  }
}
