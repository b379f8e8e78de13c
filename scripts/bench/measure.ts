import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Median of a list of milliseconds. */
export function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of an in-process function over `runs` runs, after one warm-up run. */
export function timeInProcess(runs: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * Median wall times of shell commands, run interleaved (a, b, a, b, …) after one warm-up each, so that a
 * machine that gets busier or calmer during the run shifts both sides alike.
 */
export function timeCommands(runs: number, commands: Record<string, readonly string[]>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = -1; i < runs; i++) {
    for (const [name, [cmd, ...args]] of Object.entries(commands)) {
      const t = performance.now();
      const result = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      const ms = performance.now() - t;
      if (result.status !== 0) throw new Error(`${name}: \`${[cmd, ...args].join(' ')}\` exited ${result.status}:\n${result.stderr}`);
      if (i >= 0) times[name].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}
