import type { PullProgress } from "../hub/pull-model.js";

/**
 * A download progress bar for a terminal (redrawn in place), or one line every 10% when the output is not a
 * terminal (CI logs, files).
 */
export function renderProgress(stream: NodeJS.WriteStream, width = 30): (progress: PullProgress) => void {
  const started = Date.now();
  let lastDecile = -1;
  return ({ file, bytes, total }) => {
    const fraction = total > 0 ? Math.min(1, bytes / total) : 0;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
    const line = `[${"#".repeat(Math.round(fraction * width)).padEnd(width)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${(bytes / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB ${rate} ${file}`;
    if (stream.isTTY) {
      stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1).padEnd((stream.columns ?? 120) - 1)}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
    }
  };
}
