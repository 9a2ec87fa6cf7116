/** Progress for people: a bar per long phase on a terminal; structured log lines everywhere else. */
import cliProgress from 'cli-progress';
import type { Logger } from '../log/logger.js';
import type { ProgressReporter } from '../sync/progress.js';

export function terminalProgress(): ProgressReporter {
  let bar: cliProgress.SingleBar | null = null;
  let count = 0;
  return {
    start(phase, total) {
      count = 0;
      bar = new cliProgress.SingleBar(
        { format: `${phase.padEnd(16)} {bar} {value}${total === null ? '' : '/{total}'}`, hideCursor: true, clearOnComplete: false, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0);
    },
    tick(n = 1) {
      count += n;
      if (!bar) return;
      if (bar.getTotal() < count) bar.setTotal(count);
      bar.update(count);
    },
    finish() {
      bar?.stop();
      bar = null;
    },
  };
}

export function loggingProgress(logger: Logger): ProgressReporter {
  let current = '';
  let count = 0;
  return {
    start(phase, total) {
      current = phase;
      count = 0;
      logger.debug('phase started', { phase, total });
    },
    tick(n = 1) {
      count += n;
    },
    finish() {
      logger.info('phase finished', { phase: current, count });
    },
  };
}
