/**
 * Starts commands from a small process of its own, started before the build has grown.
 *
 * Node starts a child process by forking: the calling thread copies the caller's page
 * tables, which takes 20–200 ms once the process holds a few hundred megabytes (a
 * 1,000-article build in one process: about 0.1 s for each of its Pagefind runs, on
 * the thread that renders the pages). The build starts this launcher first (a Node
 * process of ~40 MB, one start-up) and has it start Pagefind's runs.
 * The launcher stops its commands when the build closes its input or goes away.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** A command started: its standard output once it has ended (rejects with its error output if it failed), and how to stop it. */
export interface Started {
  done: Promise<string>;
  kill(): void;
}

export type Run = (cmd: string, args: string[]) => Started;

/** A command started by this process itself. */
export const runHere: Run = (cmd, args) => {
  let child: ChildProcess | undefined;
  const done = new Promise<string>((resolve, reject) => {
    child = execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)));
  });
  return { done, kill: () => void child?.kill() };
};

const SCRIPT = `
const { execFile } = require("node:child_process");
const kids = new Map();
const rl = require("node:readline").createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const m = JSON.parse(line);
  if (m.kill !== undefined) return void kids.get(m.kill)?.kill();
  const child = execFile(m.cmd, m.args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
    kids.delete(m.id);
    process.stdout.write(JSON.stringify({ id: m.id, error: err ? stderr || err.message : null, stdout }) + "\\n");
  });
  child.on("error", () => undefined);
  kids.set(m.id, child);
});
rl.on("close", () => {
  for (const c of kids.values()) c.kill();
});
`;

export interface Launcher {
  run: Run;
  /** No more commands: the launcher ends once those started have (it stops them if they are still running). */
  close(): Promise<void>;
}

/**
 * A launcher process; null when none can be started (the caller then starts its commands itself).
 * A start that fails later (Node reports most failures to spawn by an "error" event, with no "exit":
 * EAGAIN, ENOMEM, EMFILE…) has the commands asked for after it started here, by runHere.
 * `node`: the Node executable (tests).
 */
export function startLauncher(node = process.execPath): Launcher | null {
  let proc: ChildProcess;
  try {
    proc = spawn(node, ["-e", SCRIPT], { stdio: ["pipe", "pipe", "inherit"], windowsHide: true });
  } catch {
    return null;
  }
  const waiting = new Map<number, { resolve: (s: string) => void; reject: (e: Error) => void }>();
  let next = 0;
  let gone: Error | null = null;
  let spawned = false;
  proc.once("spawn", () => (spawned = true));
  // "error" alone when the process could not be started: close() must not wait for an "exit" that never comes
  const exited = new Promise<void>((resolve) => {
    proc.once("exit", () => resolve());
    proc.once("error", () => void (spawned || resolve()));
  });
  const fail = (err: Error) => {
    gone ??= err;
    for (const w of waiting.values()) w.reject(gone);
    waiting.clear();
  };
  proc.on("error", fail);
  proc.once("exit", (code, signal) => fail(new Error(`the launcher process stopped (${signal ?? `exit code ${code}`})`)));
  proc.stdin!.on("error", () => undefined);
  createInterface({ input: proc.stdout! }).on("line", (line) => {
    const m = JSON.parse(line) as { id: number; error: string | null; stdout: string };
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error === null) w?.resolve(m.stdout);
    else w?.reject(new Error(m.error));
  });
  const send = (m: unknown) => proc.stdin!.write(JSON.stringify(m) + "\n");
  return {
    run(cmd, args) {
      if (gone && !spawned) return runHere(cmd, args);
      const id = next++;
      const done = new Promise<string>((resolve, reject) => {
        if (gone) return reject(gone);
        waiting.set(id, { resolve, reject });
        send({ id, cmd, args });
      });
      return { done, kill: () => void (gone || send({ kill: id })) };
    },
    async close() {
      proc.stdin!.end();
      await exited;
    },
  };
}
