/**
 * Build progress on stderr: a bar redrawn in place on a terminal, plain lines
 * otherwise (CI logs), never on stdout.
 */
export interface Progress {
  step(label: string, done: number, total: number): void;
  line(message: string): void;
  end(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let open = false;
  let lastPlain = -1;
  const clear = () => {
    if (open) stream.write("\r\x1b[2K");
    open = false;
  };
  return {
    step(label, done, total) {
      if (quiet) return;
      if (tty) {
        const width = 24;
        const filled = total ? Math.round((done / total) * width) : width;
        stream.write(`\r\x1b[2K${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
        open = true;
        if (done === total) clear();
      } else {
        // Plain lines: every 10 % (and the last), so a 10,000-file log stays short.
        const tenth = total ? Math.floor((done / total) * 10) : 10;
        if (tenth !== lastPlain || done === total) {
          lastPlain = tenth;
          stream.write(`${label} ${done}/${total}\n`);
        }
      }
    },
    line(message) {
      if (quiet) return;
      clear();
      stream.write(message + "\n");
    },
    end() {
      clear();
    },
  };
}

export { timing } from "../timing.js";
