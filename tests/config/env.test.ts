import { interpolateEnv } from '../../src/config/env.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { redactText } from '../../src/log/redact.js';
import { makeProject, thrown } from './fixtures.js';

describe('interpolateEnv', () => {
  it('replaces ${VAR} and ${VAR:-default} in string values, anywhere in the tree', () => {
    const data = { a: 'x-${ONE}-y', list: ['${TWO:-two}', 3], nested: { b: '${MISSING:-fallback}', c: true } };
    expect(interpolateEnv(data, 'f.yaml', { ONE: '1' })).toEqual({ a: 'x-1-y', list: ['two', 3], nested: { b: 'fallback', c: true } });
  });

  it('uses the default when the variable is empty, and keeps $${ as a literal', () => {
    expect(interpolateEnv({ a: '${EMPTY:-d}', b: 'cost $${PRICE}' }, 'f.yaml', { EMPTY: '' })).toEqual({ a: 'd', b: 'cost ${PRICE}' });
  });

  it('a missing variable names the file, the path and the variable', () => {
    const error = thrown(() => interpolateEnv({ connectors: { salesforce: { accessToken: '${SF_ACCESS_TOKEN}' } } }, 'config/scoresync.yaml', {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'config/scoresync.yaml: connectors.salesforce.accessToken: environment variable SF_ACCESS_TOKEN is not set. ' +
        'Fix: export SF_ACCESS_TOKEN=… before running ScoreSync (secrets are only read from the environment), or write ${SF_ACCESS_TOKEN:-default} to fall back to a default.',
    );
  });

  it('reports every missing variable at once, and malformed references', () => {
    const error = thrown(() => interpolateEnv({ a: '${A}', b: ['${B}'], c: '${not valid}' }, 'f.yaml', {})) as ConfigError;
    expect(error.problems.map((p) => p.path)).toEqual(['a', 'b[0]', 'c']);
    expect(error.message).toContain('"${not valid}" is not a valid environment variable reference');
  });

  it('registers values under secret-looking keys for redaction', () => {
    interpolateEnv({ hubspot: { accessToken: '${HS_TOKEN}' }, state: { url: 'postgres://u:${PGPW}@db/x' } }, 'f.yaml', {
      HS_TOKEN: 'pat-na1-secret-0001',
      PGPW: 'pg-pass-0002',
    });
    expect(redactText('token pat-na1-secret-0001 used')).toBe('token *** used');
    expect(redactText('connect failed: password pg-pass-0002')).toBe('connect failed: password ***');
  });

  it('leaves values under ordinary keys readable in logs', () => {
    interpolateEnv({ dataDir: '${DATA_DIR}' }, 'f.yaml', { DATA_DIR: 'examples/crm-plain-0003' });
    expect(redactText('reading examples/crm-plain-0003')).toBe('reading examples/crm-plain-0003');
  });
});

describe('environment variables in the config file', () => {
  it('a secret read by loadConfig is registered for redaction', () => {
    const project = makeProject();
    try {
      project.write(
        'config/scoresync.yaml',
        ['defaultConnector: hubspot', 'connectors:', '  hubspot:', '    mapping: ../mappings/hubspot.yaml', '    accessToken: ${HUBSPOT_ACCESS_TOKEN}', ''].join('\n'),
      );
      project.write('mappings/hubspot.yaml', 'connector: hubspot\nobjects: {}\n');
      const loaded = loadConfig(project.configPath, { env: { HUBSPOT_ACCESS_TOKEN: 'pat-eu1-loaded-0004' } });
      expect(loaded.config.connectors.hubspot!.accessToken).toBe('pat-eu1-loaded-0004');
      expect(redactText('Authorization failed for pat-eu1-loaded-0004')).toBe('Authorization failed for ***');
    } finally {
      project.cleanup();
    }
  });

  it('a missing variable in the config names the config file and path', () => {
    const project = makeProject();
    try {
      project.write(
        'config/scoresync.yaml',
        ['defaultConnector: salesforce', 'connectors:', '  salesforce:', '    mapping: ../mappings/sf.yaml', '    instanceUrl: https://acme.my.salesforce.com', '    accessToken: ${SF_ACCESS_TOKEN}', ''].join('\n'),
      );
      const error = thrown(() => loadConfig(project.configPath, { env: {} })) as ConfigError;
      expect(error.file).toMatch(/scoresync\.yaml$/);
      expect(error.path).toBe('connectors.salesforce.accessToken');
      expect(error.message).toContain('environment variable SF_ACCESS_TOKEN is not set');
      expect(error.fix).toContain('export SF_ACCESS_TOKEN=');
    } finally {
      project.cleanup();
    }
  });
});

describe('passwords written into URLs', () => {
  it('are masked even when the URL is written literally', () => {
    interpolateEnv({ state: { url: 'postgres://scoresync:literal-pw-0005@db:5432/x' } }, 'f.yaml', {});
    expect(redactText('auth failed with literal-pw-0005')).toBe('auth failed with ***');
  });
});
