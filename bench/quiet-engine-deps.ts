/**
 * The engine's dependencies for a benchmark or a test: silent logging and progress, the real scoring API, the default
 * sync settings and no waiting between retries unless the caller says otherwise. Callers give the parts they vary.
 */
import { silentLogger } from '../src/log/logger.js';
import { scoring } from '../src/scoring/index.js';
import type { EngineDeps } from '../src/sync/engine-deps.js';
import { silentProgress } from '../src/sync/progress.js';
import { DEFAULT_SYNC_SETTINGS } from '../src/sync/settings.js';

type Given = Pick<EngineDeps, 'store' | 'connector' | 'mapping' | 'scoringConfig' | 'now'>;

export function quietEngineDeps(given: Given & Partial<Omit<EngineDeps, 'settings'>> & { settings?: Partial<EngineDeps['settings']> }): EngineDeps {
  const { settings, ...rest } = given;
  return {
    scoring,
    logger: silentLogger(),
    sleep: () => Promise.resolve(),
    progress: silentProgress,
    ...rest,
    settings: { ...DEFAULT_SYNC_SETTINGS, ...settings },
  };
}
