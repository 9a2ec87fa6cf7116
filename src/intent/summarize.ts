/** A short human summary of an import for the terminal: counts, then the first rejected rows with their reasons. */
import type { IntentParseResult } from './parse-intent-csv.js';

export function summarizeIntentImport(result: IntentParseResult, fileName: string, maxRejects = 20): string {
  const { signals, rejects } = result;
  const total = signals.length + rejects.length;
  const lines = [`${fileName}: ${total} intent row${total === 1 ? '' : 's'} read: ${signals.length} imported, ${rejects.length} rejected`];
  for (const r of rejects.slice(0, maxRejects)) lines.push(`  ${r.location}${r.field ? ` (${r.field})` : ''}: ${r.reason}`);
  if (rejects.length > maxRejects) lines.push(`  … and ${rejects.length - maxRejects} more rejected rows`);
  return lines.join('\n');
}
