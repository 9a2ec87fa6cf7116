import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { makeProject, thrown, type Project } from './fixtures.js';

const FILE_CONNECTOR = ['connectors:', '  file:', '    mapping: ../mappings/file.yaml', '    dataDir: ../examples/crm', ''].join('\n');

describe('loadConfig with the repo config and mapping', () => {
  let project: Project;
  beforeEach(() => (project = makeProject()));
  afterEach(() => project.cleanup());

  it('validates, fills defaults and resolves paths against the config folder', () => {
    const loaded = loadConfig(project.configPath, { env: {} });
    expect(loaded.configPath).toBe(project.configPath);
    expect(loaded.baseDir).toBe(join(project.dir, 'config'));
    expect(loaded.config.defaultConnector).toBe('file');
    expect(loaded.config.connectors.file).toEqual({ mapping: project.mappingPath, dataDir: join(project.dir, '.scoresync/demo/crm'), encoding: 'utf8', allowEmptyAccounts: false });
    expect(loaded.config.state).toEqual({ driver: 'sqlite', path: join(process.cwd(), '.scoresync/demo/state.db') });
    expect(loaded.config.sync).toEqual({
      overlapMinutes: 10,
      rescoreAllEveryHours: 24,
      retrainEveryHours: 24,
      maxAttempts: 5,
      retryForHours: 72,
      lockLeaseSeconds: 30,
      lockRenewSeconds: 10,
      scoreBatchSize: 500,
      scoreWorkers: 2,
      keepWrittenDays: 30,
      keepScoreHistoryDays: 365,
    });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.budgets).toEqual({ reservePercent: 20, runSharePercent: 25, maxCallsPerRun: null });
    expect(loaded.config.logging.level).toBe('info');
    expect(loaded.scoringPath).toBe(project.scoringPath);
    expect(loaded.mappingPaths).toEqual({ file: project.mappingPath, salesforce: join(project.dir, 'mappings/salesforce.yaml') });
  });

  it('still accepts the replaced sync.lockTtlSeconds, with a warning that says what replaced it and how to fix it', () => {
    project.write('config/scoresync.yaml', readFileSync(project.configPath, 'utf8').replace('lockLeaseSeconds: 30', 'lockTtlSeconds: 900'));
    const loaded = loadConfig(project.configPath, { env: {} });
    expect(loaded.config.sync.lockLeaseSeconds).toBe(30);
    expect(loaded.warnings).toEqual([expect.stringMatching(/sync\.lockTtlSeconds \(900\) is no longer used: .*within 30 s .*Fix: remove lockTtlSeconds/)]);
  });

  it('refuses a heartbeat slower than half the lease', () => {
    project.write('config/scoresync.yaml', readFileSync(project.configPath, 'utf8').replace('lockRenewSeconds: 10', 'lockRenewSeconds: 20'));
    const error = thrown(() => loadConfig(project.configPath, { env: {} }));
    expect(error.message).toContain('sync.lockRenewSeconds: 20 is more than half of lockLeaseSeconds (30)');
    expect(error.message).toContain('Fix: renew at most every 15 s');
  });

  it('expands mapping shorthands and fills mapping defaults', () => {
    const mapping = loadConfig(project.configPath, { env: {} }).mappings.file!;
    const account = mapping.objects.account!;
    expect(mapping.connector).toBe('file');
    expect(account.fields.industry).toEqual({ field: 'industry', transform: 'string' });
    expect(account.fields.technologies).toEqual({ field: 'technologies', transform: 'split', separator: ';' });
    expect(account.outputs.fitScore).toEqual({ field: 'fit_score', type: 'number', policy: 'overwrite' });
    expect(mapping.objects.opportunity!.outputs).toEqual({});
    expect(mapping.objects.activity!.fields.type!.values!['email open']).toBe('email_open');
    expect(mapping.tasks).toEqual({ object: 'tasks', keyField: 'sync_key' });
  });

  it('fills every default when optional sections are left out', () => {
    project.write('config/scoresync.yaml', FILE_CONNECTOR);
    const { config } = loadConfig(project.configPath, { env: {} });
    expect(config.defaultConnector).toBe('file');
    expect(config.scoring).toBe(project.scoringPath);
    expect(config.sync.scoreBatchSize).toBe(500);
    expect(config.state.driver).toBe('sqlite');
  });
});

describe('command-line overrides', () => {
  let project: Project;
  beforeEach(() => (project = makeProject()));
  afterEach(() => project.cleanup());

  it('--data replaces connectors.file.dataDir, relative to the working directory', () => {
    const loaded = loadConfig(project.configPath, { env: {}, dataDir: 'some/csv' });
    expect(loaded.config.connectors.file!.dataDir).toBe(join(process.cwd(), 'some/csv'));
  });

  it('--state with a .db path or :memory: selects SQLite', () => {
    const file = join(project.dir, 'other.db');
    expect(loadConfig(project.configPath, { env: {}, statePath: file }).config.state).toEqual({ driver: 'sqlite', path: file });
    expect(loadConfig(project.configPath, { env: {}, statePath: ':memory:' }).config.state).toEqual({ driver: 'sqlite', path: ':memory:' });
  });

  it('--state with a postgres:// URL selects Postgres with the default schema', () => {
    const url = 'postgres://scoresync:pw-override-123@db:5432/scoresync';
    const { state } = loadConfig(project.configPath, { env: {}, statePath: url }).config;
    expect(state).toEqual({ driver: 'postgres', url, schema: 'scoresync' });
  });

  it('--state with something else explains the accepted forms', () => {
    const error = thrown(() => loadConfig(project.configPath, { env: {}, statePath: 'state.txt' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('--state: "state.txt" is neither a SQLite file nor a Postgres URL');
    expect(error.message).toContain('postgres://');
  });

  it('--data without a file connector says so', () => {
    project.write(
      'config/scoresync.yaml',
      ['defaultConnector: hubspot', 'connectors:', '  hubspot:', '    mapping: ../mappings/file.yaml', '    accessToken: x-token-1', ''].join('\n'),
    );
    const error = thrown(() => loadConfig(project.configPath, { env: {}, dataDir: 'csv' }));
    expect(error.message).toContain('connectors.file: --data was given, but the file connector is not configured');
  });
});

describe('errors name the file that holds the problem', () => {
  let project: Project;
  beforeEach(() => (project = makeProject()));
  afterEach(() => project.cleanup());

  it('a missing config file says which path was looked for and which flag sets it', () => {
    const missing = join(project.dir, 'nope/scoresync.yaml');
    const error = thrown(() => loadConfig(missing, { env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`file not found (looked for ${missing})`);
    expect(error.message).toContain('--config');
  });

  it('a missing mapping file names the config option that points at it', () => {
    project.write('config/scoresync.yaml', FILE_CONNECTOR.replace('file.yaml', 'missing.yaml'));
    const error = thrown(() => loadConfig(project.configPath, { env: {} }));
    expect(error.message).toContain(`looked for ${join(project.dir, 'mappings/missing.yaml')}`);
    expect(error.message).toContain('connectors.file.mapping');
  });

  it('a mapping error names the mapping file, not the config', () => {
    project.write('mappings/file.yaml', 'connector: file\nobjects:\n  contact:\n    object: contacts\n    id: id\n    fields:\n      emial: email\n');
    const error = thrown(() => loadConfig(project.configPath, { env: {} })) as ConfigError;
    expect(error.file).toMatch(/mappings[/\\]file\.yaml$/);
    expect(error.message).toContain('objects.contact.fields.emial: "emial" is not a canonical contact field');
    expect(error.message).toContain('did you mean "email"?');
  });

  it('a mapping written for another connector is refused', () => {
    project.write('mappings/file.yaml', 'connector: hubspot\nobjects: {}\n');
    const error = thrown(() => loadConfig(project.configPath, { env: {} })) as ConfigError;
    expect(error.path).toBe('connector');
    expect(error.message).toContain('this mapping is for connector "hubspot", but connectors.file.mapping');
  });

  it('a scoring file error names the scoring file', () => {
    project.write('config/scoring.yaml', '- not\n- a map\n');
    const error = thrown(() => loadConfig(project.configPath, { env: {} })) as ConfigError;
    expect(error.file).toMatch(/config[/\\]scoring\.yaml$/);
    expect(error.message).toContain('expected a map of settings');
  });

  it('an empty file is reported as empty', () => {
    project.write('config/scoresync.yaml', '# nothing yet\n');
    expect(thrown(() => loadConfig(project.configPath, { env: {} })).message).toContain('(file): the file is empty');
  });
});
