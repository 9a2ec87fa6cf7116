/** `scoresync setup`: create the output fields the mapping writes to, or list them with --dry-run. */
import { connectorName, loadApp, openConnector, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';

export async function setupCommand(global: GlobalOptions, options: { dryRun: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  const connector = openConnector(app, connectorName(app, global), app.logger);
  try {
    await connector.check();
    const actions = await connector.setupOutputs({ dryRun: options.dryRun });
    const todo = actions.filter((a) => a.action !== 'exists').length;
    if (global.json) {
      output.print(JSON.stringify({ dryRun: options.dryRun, toCreate: todo, actions }, null, 2));
      return;
    }
    for (const a of actions) output.print(`${a.action.padEnd(7)} ${a.object}.${a.field}  ${a.detail}`);
    output.print(options.dryRun ? `${todo} field(s) would be created` : `${todo} field(s) created`);
  } finally {
    await connector.close();
  }
}
