/**
 * Loads config/scoresync.yaml and everything it points at (the scoring file and one mapping per connector),
 * each validated, with defaults filled and paths made absolute. Any problem is a ConfigError naming the file
 * that holds it.
 */
import { dirname, resolve } from 'node:path';
import { interpolateEnv } from './env.js';
import { ConfigError } from './errors.js';
import { MappingFileSchema, MAPPING_FIX_HINTS } from './mapping-schema.js';
import type { MappingFile } from './mapping-types.js';
import { CONFIG_FIX_HINTS, CONNECTOR_NAMES, ScoreSyncConfigSchema, type ConnectorName, type ScoreSyncConfig } from './schema.js';
import { ScoringConfigSchema, type ScoringConfig } from './scoring-schema.js';
import { stateFromOverride } from './state-override.js';
import { readYamlFile } from './yaml-file.js';
import { parseWithSchema, type FixHints } from './zod-issues.js';
import type { z } from 'zod';

export interface LoadConfigOptions {
  /** Environment for `${VAR}` references (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** `--data`: replaces connectors.file.dataDir (relative to the working directory). */
  dataDir?: string;
  /** `--state`: a .db path or :memory: (SQLite) or a postgres:// URL; replaces the state section. */
  statePath?: string;
}

export interface LoadedConfig {
  /** Absolute. */
  configPath: string;
  /** Folder of the config file. */
  baseDir: string;
  /** Validated, defaults filled, paths resolved to absolute. */
  config: ScoreSyncConfig;
  scoring: ScoringConfig;
  scoringPath: string;
  /** One per configured connector. */
  mappings: Record<string, MappingFile>;
  mappingPaths: Record<string, string>;
  /** Settings that still work but should change (a replaced key), each a complete message with the fix. */
  warnings: string[];
}

export function loadConfig(configPath: string, options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = process.cwd();
  const env = options.env ?? process.env;
  const absoluteConfigPath = resolve(cwd, configPath);
  const baseDir = dirname(absoluteConfigPath);

  const parsed = loadYaml(absoluteConfigPath, 'pass --config <path> (default config/scoresync.yaml)', ScoreSyncConfigSchema, CONFIG_FIX_HINTS, env);
  const config = resolvePaths(parsed.value, parsed.file, baseDir, cwd, options);

  const mappings: Record<string, MappingFile> = {};
  const mappingPaths: Record<string, string> = {};
  for (const [name, settings] of configuredConnectors(config)) {
    const setBy = `set connectors.${name}.mapping in ${parsed.file} (relative to its folder)`;
    const mapping = loadYaml(settings.mapping, setBy, MappingFileSchema, MAPPING_FIX_HINTS, env);
    if (mapping.value.connector !== name) {
      throw new ConfigError(mapping.file, {
        path: 'connector',
        problem: `this mapping is for connector "${mapping.value.connector}", but connectors.${name}.mapping in ${parsed.file} points at it`,
        fix: `point connectors.${name}.mapping at the ${name} mapping, or set connector: ${name} if this file really is for ${name}`,
      });
    }
    mappings[name] = mapping.value;
    mappingPaths[name] = settings.mapping;
  }

  const scoring = loadYaml(config.scoring, `set scoring: in ${parsed.file} (relative to its folder)`, ScoringConfigSchema, {}, env);
  return { configPath: absoluteConfigPath, baseDir, config, scoring: scoring.value, scoringPath: config.scoring, mappings, mappingPaths, warnings: configWarnings(config, parsed.file) };
}

function configWarnings(config: ScoreSyncConfig, file: string): string[] {
  if (config.sync.lockTtlSeconds === undefined) return [];
  return [
    `${file}: sync.lockTtlSeconds (${config.sync.lockTtlSeconds}) is no longer used: a run now renews a short lease every ` +
      `${config.sync.lockRenewSeconds} s (sync.lockRenewSeconds), so a killed run's lock is taken over within ${config.sync.lockLeaseSeconds} s ` +
      '(sync.lockLeaseSeconds), at once on the same machine. Fix: remove lockTtlSeconds from the sync section.',
  ];
}

function loadYaml<S extends z.ZodType>(path: string, setBy: string, schema: S, hints: FixHints, env: NodeJS.ProcessEnv): { file: string; value: z.output<S> } {
  const { file, data } = readYamlFile(path, { setBy });
  if (data === null || data === undefined) {
    throw new ConfigError(file, { path: '(file)', problem: 'the file is empty', fix: 'write the settings into it (see docs/configuration.md and docs/mappings.md)' });
  }
  const interpolated = interpolateEnv(data, file, env);
  return { file, value: parseWithSchema(schema, interpolated, file, hints) };
}

function configuredConnectors(config: ScoreSyncConfig): Array<[ConnectorName, { mapping: string }]> {
  return CONNECTOR_NAMES.flatMap((name) => {
    const settings = config.connectors[name];
    return settings === undefined ? [] : [[name, settings] as [ConnectorName, { mapping: string }]];
  });
}

/** An intent job's folder is relative to the config file, like every path in it. */
function resolveScheduleFolders(schedules: ScoreSyncConfig['schedules'], baseDir: string): ScoreSyncConfig['schedules'] {
  const resolved = { ...schedules };
  for (const name of CONNECTOR_NAMES) {
    const intent = resolved[name]?.intent;
    if (intent?.folder !== undefined) resolved[name] = { ...resolved[name], intent: { ...intent, folder: resolve(baseDir, intent.folder) } };
  }
  return resolved;
}

/** Paths in the file are relative to its folder; command-line paths and the SQLite file to the working directory. */
function resolvePaths(config: ScoreSyncConfig, file: string, baseDir: string, cwd: string, options: LoadConfigOptions): ScoreSyncConfig {
  const { file: fileConnector, salesforce, hubspot } = config.connectors;
  if (options.dataDir !== undefined && fileConnector === undefined) {
    throw new ConfigError(file, {
      path: 'connectors.file',
      problem: '--data was given, but the file connector is not configured',
      fix: 'add a connectors.file section (mapping and dataDir), or leave out --data',
    });
  }
  const state = options.statePath !== undefined ? stateFromOverride(options.statePath, config.state, cwd) : config.state;
  return {
    ...config,
    state: state.driver === 'sqlite' && state.path !== ':memory:' ? { ...state, path: resolve(cwd, state.path) } : state,
    scoring: resolve(baseDir, config.scoring),
    connectors: {
      ...(fileConnector && {
        file: {
          ...fileConnector,
          mapping: resolve(baseDir, fileConnector.mapping),
          dataDir: options.dataDir !== undefined ? resolve(cwd, options.dataDir) : resolve(baseDir, fileConnector.dataDir),
        },
      }),
      ...(salesforce && { salesforce: { ...salesforce, mapping: resolve(baseDir, salesforce.mapping) } }),
      ...(hubspot && { hubspot: { ...hubspot, mapping: resolve(baseDir, hubspot.mapping) } }),
    },
    schedules: resolveScheduleFolders(config.schedules, baseDir),
  };
}
