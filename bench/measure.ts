/** Wall time, CPU time and memory of one benchmark step, in the units the output reports. */

export function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Milliseconds as seconds with one decimal. */
export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** CPU time (user + system) between two readings, in seconds with one decimal. */
export function cpuSeconds(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return Math.round((to.user - from.user + to.system - from.system) / 100_000) / 10;
}

/** The OS's maximum resident set size of this process so far (worker threads included), in bytes. */
function processMaxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Peak RSS of one step of a longer process: RSS sampled every 100 ms, plus the OS maximum when that maximum grew
 * during the step (it catches spikes between samples, but once an earlier step has set it, it says nothing about this
 * one). Returns the function that stops sampling and gives the peak in bytes.
 */
export function startPeakRss(): () => number {
  const maxAtStart = processMaxRss();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return () => {
    clearInterval(sampler);
    const maxNow = processMaxRss();
    return Math.max(peak, process.memoryUsage().rss, maxNow > maxAtStart ? maxNow : 0);
  };
}
