/** The scheduled jobs `schedules` in the config describes, one per connector and kind. */
import { CONNECTOR_NAMES } from '../config/schema.js';
import { JOB_KINDS, type JobKind, type SchedulesConfig } from '../config/schedule-schema.js';

export interface ScheduledJob {
  /** `<connector>.<kind>`, e.g. `file.incremental`: the name in the config, the API and the logs. */
  name: string;
  connector: string;
  kind: JobKind;
  cron: string;
  /** The intent job's folder (absolute). */
  folder?: string;
}

export function scheduledJobs(schedules: SchedulesConfig): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  for (const connector of CONNECTOR_NAMES) {
    const perConnector = schedules[connector];
    if (!perConnector) continue;
    for (const kind of JOB_KINDS) {
      const job = perConnector[kind];
      if (!job || !job.enabled) continue;
      jobs.push({ name: `${connector}.${kind}`, connector, kind, cron: job.cron, ...(job.folder !== undefined ? { folder: job.folder } : {}) });
    }
  }
  return jobs;
}
