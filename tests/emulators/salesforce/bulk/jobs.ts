/**
 * Bulk API 2.0 jobs and how they progress: a job that has its data reports InProgress until it has been checked
 * `pollsToComplete` times and `processingMs` have passed on the emulator clock, then JobComplete. The work itself
 * (query snapshot, record writes) happens when the job gets its data, as a real org starts processing then: a
 * client killed before it polls still finds its writes applied.
 */
import { IdFactory } from '../ids.js';
import type { EmulatorState } from '../state.js';
import { restDateTime } from '../values.js';
import type { CsvDialect } from './csv-format.js';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface JobBase extends CsvDialect {
  id: string;
  object: string;
  state: JobState;
  apiVersion: number;
  createdMs: number;
  modifiedMs: number;
  /** When the job got all its data (query jobs: at creation). */
  readyMs: number | null;
  checks: number;
  errorMessage: string | null;
}

export interface QueryJob extends JobBase {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: string;
  header: string[];
  rows: string[][];
}

export interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
  externalIdFieldName: string | null;
  uploads: string[];
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
}

export type Job = QueryJob | IngestJob;

export class JobStore {
  private readonly ids = new IdFactory('BK');
  readonly jobs = new Map<string, Job>();

  newId(): string {
    return this.ids.newId('750');
  }

  get(kind: Job['kind'], id: string | undefined): Job | undefined {
    const job = id === undefined ? undefined : this.jobs.get(id.slice(0, 15));
    return job?.kind === kind ? job : undefined;
  }

  add(job: Job): void {
    this.jobs.set(job.id.slice(0, 15), job);
  }
}

const storesByState = new WeakMap<EmulatorState, JobStore>();

export function jobStore(state: EmulatorState): JobStore {
  let store = storesByState.get(state);
  if (store === undefined) {
    store = new JobStore();
    storesByState.set(state, store);
  }
  return store;
}

/** One status check: moves a job with data towards JobComplete. */
export function advance(job: Job, state: EmulatorState): void {
  if (job.readyMs === null || (job.state !== 'UploadComplete' && job.state !== 'InProgress')) return;
  job.checks += 1;
  const settings = state.config.bulk;
  const due = job.checks >= settings.pollsToComplete && state.clock() - job.readyMs >= settings.processingMs;
  const next: JobState = due ? (job.errorMessage === null ? 'JobComplete' : 'Failed') : 'InProgress';
  if (next !== job.state) {
    job.state = next;
    job.modifiedMs = state.clock();
  }
}

export function jobInfo(job: Job, state: EmulatorState): Record<string, unknown> {
  const common = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: state.org.integrationUser.id,
    createdDate: restDateTime(job.createdMs),
    systemModstamp: restDateTime(job.modifiedMs),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    retries: 0,
    totalProcessingTime: 0,
  };
  const done = job.state === 'JobComplete' || job.state === 'Failed';
  if (job.kind === 'query') return { ...common, jobType: 'V2Query', numberRecordsProcessed: done ? job.rows.length : 0 };
  return {
    ...common,
    ...(job.externalIdFieldName === null ? {} : { externalIdFieldName: job.externalIdFieldName }),
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
    numberRecordsProcessed: done ? job.successful.length + job.failed.length : 0,
    numberRecordsFailed: done ? job.failed.length : 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage === null ? {} : { errorMessage: job.errorMessage }),
  };
}
