/** `scoresync validate`: config, scoring file and mappings parse and validate; with --check-crm, the mapping is checked against the CRM too. */
import { connectorName, loadApp, openConnector, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';

export async function validateCommand(global: GlobalOptions, options: { checkCrm: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  output.print(`config ok: ${app.loaded.configPath}`);
  output.print(`scoring ok: ${app.loaded.scoringPath}`);
  for (const [name, path] of Object.entries(app.loaded.mappingPaths)) output.print(`mapping ok: ${path} (${name})`);
  if (!options.checkCrm) return;
  const name = connectorName(app, global);
  const connector = openConnector(app, name, app.logger);
  try {
    await connector.check();
    const issues = await connector.validateMapping();
    for (const i of issues) output.print(`${i.object}.${i.field}: ${i.problem}. Fix: ${i.fix}`);
    if (issues.length > 0) throw new UserError(`${issues.length} mapping problem(s) found in ${app.loaded.mappingPaths[name] ?? name} (listed above).`);
    output.print(`${name}: every mapped field exists`);
  } finally {
    await connector.close();
  }
}
