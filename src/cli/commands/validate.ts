/** `scoresync validate`: config, scoring file and mappings parse and validate; with --check-crm, the mapping is checked against the CRM too. */
import { existsSync } from 'node:fs';
import { storedModels } from '../../sync/models-phase.js';
import { connectorName, loadApp, openAppStore, openConnector, type AppContext, type GlobalOptions } from '../context.js';
import { modelLines } from '../model-lines.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';

export async function validateCommand(global: GlobalOptions, options: { checkCrm: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  const model = await modelStatus(app);
  const report: Record<string, unknown> = { ok: true, config: app.loaded.configPath, scoring: app.loaded.scoringPath, mappings: app.loaded.mappingPaths, model };
  if (!global.json) {
    output.print(`config ok: ${app.loaded.configPath}`);
    output.print(`scoring ok: ${app.loaded.scoringPath}`);
    for (const [name, path] of Object.entries(app.loaded.mappingPaths)) output.print(`mapping ok: ${path} (${name})`);
    output.print(model.join('\n'));
  }
  if (!options.checkCrm) {
    if (global.json) output.print(JSON.stringify(report, null, 2));
    return;
  }
  const name = connectorName(app, global);
  const connector = openConnector(app, name, app.logger);
  try {
    await connector.check();
    const issues = await connector.validateMapping();
    const usage = connector.usage();
    const remaining = usage.remaining !== null && usage.limit !== null ? { remaining: usage.remaining, limit: usage.limit } : null;
    if (global.json) output.print(JSON.stringify({ ...report, ok: issues.length === 0, crm: { connector: name, issues, dailyApiRequests: remaining } }, null, 2));
    else {
      if (remaining) output.print(`${name}: ${remaining.remaining} of ${remaining.limit} daily API requests remain today`);
      for (const i of issues) output.print(`${i.object}.${i.field}: ${i.problem}. Fix: ${i.fix}`);
    }
    if (issues.length > 0) throw new UserError(`${issues.length} mapping problem(s) found in ${app.loaded.mappingPaths[name] ?? name} (listed ${global.json ? 'in the JSON' : 'above'}).`);
    if (!global.json) output.print(`${name}: every mapped field exists`);
  } finally {
    await connector.close();
  }
}

/** Which fit model is in force and why (from the last training), and whether the config has changed since. */
async function modelStatus(app: AppContext): Promise<string[]> {
  const state = app.loaded.config.state;
  if (state.driver === 'sqlite' && (state.path === ':memory:' || !existsSync(state.path))) {
    return ['fit model: not trained yet: `scoresync plan` or `scoresync run` trains and chooses it'];
  }
  const store = await openAppStore(app);
  try {
    const stored = await storedModels(store, app.loaded.scoring);
    if (!stored) return ['fit model: not trained yet: `scoresync plan` or `scoresync run` trains and chooses it'];
    const lines = modelLines(stored.models);
    lines.push(
      stored.current
        ? `  (chosen at the training of ${stored.trainedAt.slice(0, 16).replace('T', ' ')}; re-decided at every retrain)`
        : `  (chosen at the training of ${stored.trainedAt.slice(0, 16).replace('T', ' ')}, under an earlier scoring config: the next plan or run retrains and decides again with your edits)`,
    );
    return lines;
  } finally {
    await store.close();
  }
}
