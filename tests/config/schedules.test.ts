/** `schedules` in config/scoresync.yaml: validated like the rest, a bad cron expression names its job and the fix. */
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { scheduledJobs } from '../../src/scheduler/jobs.js';
import { makeProject, thrown, type Project } from './fixtures.js';

describe('schedules', () => {
  let project: Project;
  beforeEach(() => (project = makeProject()));
  afterEach(() => project.cleanup());

  const FILE = ['connectors:', '  file:', '    mapping: ../mappings/file.yaml', '    dataDir: ../examples/crm'];
  function load(...lines: string[]) {
    project.write('config/scoresync.yaml', [...FILE, ...lines, ''].join('\n'));
    return loadConfig(project.configPath, { env: {} });
  }
  function errorFor(...lines: string[]): ConfigError {
    const error = thrown(() => load(...lines));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).not.toMatch(/\n\s+at /);
    return error as ConfigError;
  }

  it('reads jobs per connector, a cron string or an object, with the intent folder made absolute', () => {
    const { config } = load(
      'schedules:',
      '  timezone: Europe/Berlin',
      '  file:',
      '    incremental: "*/5 * * * *"',
      '    full: { cron: "0 2 * * *" }',
      '    intent: { cron: "0 6 * * 1", folder: ../intent }',
    );
    expect(config.schedules.timezone).toBe('Europe/Berlin');
    expect(scheduledJobs(config.schedules)).toEqual([
      { name: 'file.incremental', connector: 'file', kind: 'incremental', cron: '*/5 * * * *' },
      { name: 'file.full', connector: 'file', kind: 'full', cron: '0 2 * * *' },
      { name: 'file.intent', connector: 'file', kind: 'intent', cron: '0 6 * * 1', folder: `${project.dir}/intent` },
    ]);
    expect(load().config.schedules).toEqual({ timezone: 'UTC' });
    expect(scheduledJobs(load('schedules:', '  file:', '    full: { cron: "0 2 * * *", enabled: false }').config.schedules)).toEqual([]);
  });

  it('a bad cron expression names the job, what is wrong and how to write one', () => {
    const error = errorFor('schedules:', '  file:', '    full: "0 25 * * *"');
    expect(error.message).toContain('schedules.file.full.cron');
    expect(error.message).toContain('"0 25 * * *" is not a cron expression');
    expect(error.message).toMatch(/hour/);
    expect(error.message).toContain('Fix: write five fields "minute hour day-of-month month day-of-week"');
    expect(errorFor('schedules:', '  file:', '    incremental: every five minutes').message).toContain('schedules.file.incremental.cron');
  });

  it('a bad time zone, an intent job without its folder, a typo and an unconfigured connector are each named', () => {
    expect(errorFor('schedules:', '  timezone: Mars/Olympus').message).toMatch(/schedules\.timezone.*"Mars\/Olympus" is not a time zone.*Fix: write an IANA time zone/);
    expect(errorFor('schedules:', '  file:', '    intent: "0 6 * * 1"').message).toMatch(/schedules\.file\.intent\.folder.*needs the folder/);
    expect(errorFor('schedules:', '  file:', '    incremantal: "* * * * *"').message).toMatch(/did you mean "incremental"/);
    expect(errorFor('schedules:', '  hubspot:', '    incremental: "* * * * *"').message).toMatch(/schedules\.hubspot.*no hubspot section/);
    expect(errorFor('service:', '  maxEventsPerRequest: 0').message).toContain('service.maxEventsPerRequest');
  });
});
