import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { parseYaml } from '../../src/config/yaml-file.js';
import { makeProject, thrown, type Project } from './fixtures.js';

const FILE_CONNECTOR = ['connectors:', '  file:', '    mapping: ../mappings/file.yaml', '    dataDir: ../examples/crm'].join('\n');

describe('config validation messages', () => {
  let project: Project;
  beforeEach(() => (project = makeProject()));
  afterEach(() => project.cleanup());

  function errorFor(...lines: string[]): ConfigError {
    project.write('config/scoresync.yaml', [FILE_CONNECTOR, ...lines, ''].join('\n'));
    const error = thrown(() => loadConfig(project.configPath, { env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).not.toMatch(/\n\s+at /);
    return error as ConfigError;
  }

  it('a key typo names the file and path and suggests the right key', () => {
    const error = errorFor('sync:', '  overlapMinuts: 5');
    expect(error.file).toMatch(/config[/\\]scoresync\.yaml$/);
    expect(error.path).toBe('sync.overlapMinuts');
    expect(error.message).toBe(
      `${error.file}: sync.overlapMinuts: unknown key "overlapMinuts". ` +
        'Known keys here: overlapMinutes, rescoreAllEveryHours, retrainEveryHours, maxAttempts, retryForHours, lockLeaseSeconds, lockRenewSeconds, lockTtlSeconds, scoreBatchSize, scoreWorkers, keepWrittenDays, keepScoreHistoryDays. ' +
        'Fix: did you mean "overlapMinutes"? Rename the key.',
    );
  });

  it('an unknown file encoding names the key and the encodings that work', () => {
    const error = errorFor('    encoding: klingon-8');
    expect(error.message).toContain('connectors.file.encoding');
    expect(error.message).toContain('klingon-8');
    expect(error.message).toContain('encoding: latin1');
  });

  it('a typo in a top-level key or connector name is caught too', () => {
    expect(errorFor('budget:', '  reservePercent: 5').message).toContain('budget: unknown key "budget"');
    expect(errorFor('budget:', '  reservePercent: 5').message).toContain('did you mean "budgets"?');
    expect(errorFor('  hubspt:', '    mapping: x.yaml').message).toContain('connectors.hubspt: unknown key "hubspt". Known keys here: file, salesforce, hubspot. Fix: did you mean "hubspot"?');
  });

  it('a wrong type shows the bad value and the fix', () => {
    const error = errorFor('sync:', '  overlapMinutes: five');
    expect(error.message).toBe(
      `${error.file}: sync.overlapMinutes: expected a number, got "five". Fix: write a whole number of minutes between 0 and 1440, e.g. overlapMinutes: 10.`,
    );
    expect(error.fix).toContain('overlapMinutes: 10');
  });

  it('a fraction where a whole number is needed, and a value out of range', () => {
    expect(errorFor('sync:', '  maxAttempts: 2.5').message).toContain('sync.maxAttempts: expected a whole number, got 2.5');
    expect(errorFor('budgets:', '  reservePercent: 150').message).toContain('budgets.reservePercent: must be at most 100, got 150');
  });

  it('a bad enum value lists the allowed ones', () => {
    const error = errorFor('logging:', '  level: verbose');
    expect(error.message).toContain('logging.level: "verbose" is not an allowed value. Allowed: "error", "warn", "info", "debug".');
    expect(errorFor('state:', '  driver: mysql').message).toContain('state.driver: "mysql" is not an allowed value. Allowed: "sqlite", "postgres".');
    expect(errorFor('logging:', '  level: inof').message).toContain('Fix: did you mean "info"?');
  });

  it('several problems come as one error, one line each', () => {
    const error = errorFor('sync:', '  overlapMinutes: five', '  maxAttempts: 0', 'logging:', '  level: loud');
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`${error.file}: 3 problems:`);
    expect(lines.slice(1).map((line) => line.split(': ')[1])).toEqual(['sync.overlapMinutes', 'sync.maxAttempts', 'logging.level']);
    expect(error.problems).toHaveLength(3);
  });

  it('the default connector must be configured', () => {
    expect(errorFor('defaultConnector: salesforce').message).toContain(
      'defaultConnector: "salesforce" is chosen, but connectors has no salesforce section. Configured connectors: file.',
    );
  });

  it('a required connector setting that is missing is named', () => {
    project.write('config/scoresync.yaml', 'connectors:\n  file:\n    mapping: ../mappings/file.yaml\n');
    const error = thrown(() => loadConfig(project.configPath, { env: {} }));
    expect(error.message).toContain('connectors.file.dataDir: is required but missing. Fix: write the folder holding accounts.csv');
  });

  it('a secret of the wrong type is not echoed back', () => {
    project.write('config/scoresync.yaml', 'defaultConnector: hubspot\nconnectors:\n  hubspot:\n    mapping: ../mappings/file.yaml\n    accessToken: 987654321\n');
    const error = thrown(() => loadConfig(project.configPath, { env: {} }));
    expect(error.message).toContain('connectors.hubspot.accessToken: expected text');
    expect(error.message).not.toContain('987654321');
  });

  it('postgres state is inferred from a url and its schema name is checked', () => {
    expect(errorFor('state:', '  url: postgres://db/x', '  schema: Bad-Name').message).toContain(
      'state.schema: "Bad-Name" is not a lowercase SQL identifier',
    );
  });
});

describe('YAML syntax errors', () => {
  it('give the line and column', () => {
    const error = thrown(() => parseYaml('sync:\n  overlapMinutes: [10\nlogging: {}\n', 'config/scoresync.yaml')) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^config\/scoresync\.yaml: line 3, column 1: YAML syntax error: .+\. Fix: .+\.$/);
  });

  it('report a duplicate key where the second one is', () => {
    const error = thrown(() => parseYaml('sync:\n  maxAttempts: 3\n  maxAttempts: 4\n', 'config/scoresync.yaml'));
    expect(error.message).toContain('config/scoresync.yaml: line 3, column 3: YAML syntax error: Map keys must be unique. Fix: keep only one entry');
  });

  it('explain a tab used for indentation', () => {
    const error = thrown(() => parseYaml('sync:\n\tmaxAttempts: 3\n', 'config/scoresync.yaml'));
    expect(error.message).toContain('line 2, column 1');
    expect(error.message).toContain('indent with spaces, not tabs');
  });
});
