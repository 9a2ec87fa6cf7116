/**
 * Kills a sync run at any step and measures what it costs. A "step" is every fault point the engine passes
 * (src/sync/faults.ts) and every disk operation of the file connector's atomic writes (after the temp file is written,
 * after it is renamed over the file), numbered in the order a run reaches them. Killing at step k throws a
 * SimulatedCrash there: the open store transaction is lost, a temp file stays behind, nothing is cleaned up — what a
 * SIGKILL leaves. A trial kills successive runs at the given steps, then runs once more without a fault; its outcome
 * is the data folder and how many records and tasks were sent to the "CRM" in all, to compare with a fault-free run.
 * Used by tests/sync/kill-anywhere.test.ts (a property test) and `npm run bench:kill` (the re-send window).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileConnector } from '../connectors/file/index.js';
import { nodeFileOps, type FileOps } from '../connectors/file/atomic-write.js';
import { loadConfig } from '../src/config/load-config.js';
import type { MappingFile } from '../src/config/mapping-types.js';
import type { ScoringConfig } from '../src/config/scoring-schema.js';
import type { Connector } from '../src/connector/connector.js';
import { silentLogger } from '../src/log/logger.js';
import { EXAMPLE_ANCHOR_ISO } from '../src/model/example-anchor.js';
import { scoring } from '../src/scoring/index.js';
import { withTaskForEveryAccount } from './task-for-every-account.js';
import { openStore } from '../src/store/open-store.js';
import type { StateStore } from '../src/store/store.js';
import type { EngineDeps } from '../src/sync/engine-deps.js';
import { FAULT_POINTS, SimulatedCrash, type FaultHooks, type FaultPoint } from '../src/sync/faults.js';
import { silentProgress } from '../src/sync/progress.js';
import { runSync } from '../src/sync/run-sync.js';
import { DEFAULT_SYNC_SETTINGS } from '../src/sync/settings.js';
import { writeCrmCsvFolder, NO_QUIRKS } from './datagen/csv-folder.js';
import { generateAccounts } from './datagen/generate.js';

export interface KillLabOptions {
  /** Generated accounts (seeded): a handful keeps each run to a fraction of a second. */
  accounts: number;
  seed: number;
  /** Small batches make many CRM calls, so there are many places to die between them. */
  writeBatchSize: number;
  taskBatchSize: number;
  scoreBatchSize: number;
}

export interface RunOutcome {
  /** File name → content, for every file in the data folder (temp files included: there must be none). */
  files: Record<string, string>;
  /** Records and tasks handed to the connector's write calls, over every run. */
  sent: number;
  /** Steps a fault-free run passes (kill points). */
  steps: number;
}

export interface TrialOutcome extends RunOutcome {
  /** The steps at which a run really died (a kill past the end of a run does not happen). */
  killedAt: number[];
  pending: number;
  waiting: number;
  tasksNotCreated: number;
}

const NOW = new Date(EXAMPLE_ANCHOR_ISO);

/** Counts steps; the run dies at step `killAt`. `dead` stops the dying process from cleaning up after itself. */
class Stepper {
  step = 0;
  dead = false;

  constructor(private readonly killAt: number | null) {}

  /**
   * A dead process does nothing more: a kill inside the connector's write is caught and classified there (as any disk
   * error is), so the next step the engine reaches dies at once, before it records anything.
   */
  pass(point: string): void {
    this.step++;
    if (this.dead || this.step === this.killAt) {
      this.dead = true;
      throw new SimulatedCrash(point as FaultPoint);
    }
  }

  hooks(): FaultHooks {
    return Object.fromEntries(FAULT_POINTS.map((point) => [point, () => this.pass(point)]));
  }

  /** The connector's own write steps, without fsync: a simulated kill loses no page cache, so syncing only costs time. */
  fileOps(): FileOps {
    return {
      writeAndSync: async (path, data, like) => {
        await writeFile(path, data, { flag: 'wx', mode: like?.mode ?? 0o600 });
        this.pass('tempWritten');
      },
      rename: async (from, to) => {
        await rename(from, to);
        this.pass('renamed');
      },
      // A killed process removes nothing: its temp file stays for the next run to clean up.
      remove: (path) => (this.dead ? Promise.resolve() : nodeFileOps.remove(path)),
    };
  }
}

export class KillLab {
  private constructor(
    private readonly options: KillLabOptions,
    private readonly template: string,
    private readonly mapping: MappingFile,
    private readonly scoringConfig: ScoringConfig,
  ) {}

  static create(options: KillLabOptions): KillLab {
    const template = mkdtempSync(join(tmpdir(), 'scoresync-killlab-'));
    const accounts = generateAccounts({ seed: options.seed, accounts: options.accounts, contactsPerAccount: 4, activitiesPerContact: 6, now: NOW });
    writeCrmCsvFolder(accounts, { crmDir: join(template, 'crm'), intentFile: join(template, 'intent.csv') }, NO_QUIRKS);
    const loaded = loadConfig('config/scoresync.yaml', { dataDir: join(template, 'crm'), statePath: ':memory:' });
    return new KillLab(options, template, loaded.mappings.file!, withTaskForEveryAccount(loaded.scoring));
  }

  dispose(): void {
    rmSync(this.template, { recursive: true, force: true });
  }

  /** A fault-free run over a fresh copy of the data. */
  async reference(): Promise<RunOutcome> {
    const trial = await this.trial([]);
    return { files: trial.files, sent: trial.sent, steps: trial.steps };
  }

  /** Runs killed at `kills` (one run per entry), then a run with no fault. */
  async trial(kills: readonly number[]): Promise<TrialOutcome> {
    const dir = mkdtempSync(join(tmpdir(), 'scoresync-killtrial-'));
    const dataDir = join(dir, 'crm');
    cpSync(join(this.template, 'crm'), dataDir, { recursive: true });
    const store = await openStore({ driver: 'sqlite', path: ':memory:', clock: () => NOW });
    const sent = { count: 0 };
    const killedAt: number[] = [];
    try {
      for (const killAt of kills) {
        const stepper = new Stepper(killAt);
        try {
          await runSync(this.deps(store, dataDir, stepper, sent), { full: false, dryRun: false });
        } catch (error) {
          if (!(error instanceof SimulatedCrash)) throw error;
          killedAt.push(killAt);
        }
      }
      const last = new Stepper(null);
      const final = await runSync(this.deps(store, dataDir, last, sent), { full: false, dryRun: false });
      if (final.run.status !== 'succeeded') throw new Error(`the run after the kills ended ${final.run.status}: ${final.run.errors.join('; ')}`);
      const waiting = await store.countWaitingOutbox('file');
      const ledger = await store.getLedgerEntries(taskKeys(dataDir));
      return {
        files: snapshot(dataDir),
        sent: sent.count,
        steps: last.step,
        killedAt,
        pending: await store.countPendingOutbox('file'),
        waiting: waiting.failed + waiting.retrying,
        tasksNotCreated: [...ledger.values()].filter((e) => e.status !== 'created').length,
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private deps(store: StateStore, dataDir: string, stepper: Stepper, sent: { count: number }): EngineDeps {
    const file = createFileConnector({ mapping: this.mapping, settings: { dataDir }, logger: silentLogger() }, { now: () => NOW, fileOps: stepper.fileOps() });
    const connector: Connector = {
      ...file,
      writeBatchSize: this.options.writeBatchSize,
      taskBatchSize: this.options.taskBatchSize,
      writeFields: (kind, updates) => {
        sent.count += updates.length;
        return file.writeFields(kind, updates);
      },
      createTasks: (tasks) => {
        sent.count += tasks.length;
        return file.createTasks(tasks);
      },
    };
    return {
      store,
      connector,
      mapping: this.mapping,
      scoring,
      scoringConfig: this.scoringConfig,
      settings: { ...DEFAULT_SYNC_SETTINGS, maxAttempts: 2, scoreBatchSize: this.options.scoreBatchSize, scoreWorkers: 1 },
      logger: silentLogger(),
      now: () => NOW,
      sleep: () => Promise.resolve(),
      progress: silentProgress,
      faults: stepper.hooks(),
    };
  }
}

function snapshot(dataDir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dataDir).sort().map((name) => [name, readFileSync(join(dataDir, name), 'utf8')]));
}

function taskKeys(dataDir: string): string[] {
  const path = join(dataDir, 'tasks.csv');
  const lines = readdirSync(dataDir).includes('tasks.csv') ? readFileSync(path, 'utf8').trim().split('\n').slice(1) : [];
  return lines.map((line) => line.split(',', 1)[0] ?? '');
}
