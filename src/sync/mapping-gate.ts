/**
 * Every run and dry run first checks the mapping against what the source really has (a file's header, a CRM's
 * describe). A mapped input field the source lacks would make every record read it as empty and silently change the
 * scores (`industry: industree` moved 263 of 300 fit scores), so such a run stops before it pulls anything. A missing
 * output field is reported before anything is written and the run goes on: the file connector adds the column on its
 * first write, and a CRM that rejects writes to it keeps them as failed writes, replayed once the mapping changes.
 */
import type { MappingIssue } from '../connector/connector.js';
import type { EngineDeps } from './engine-deps.js';

export class MappingMismatchError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'MappingMismatchError';
  }
}

export function describeIssue(issue: MappingIssue): string {
  const where = issue.field === '(file)' ? issue.object : `${issue.object}.${issue.field}`;
  return `${where}: ${issue.problem.replace(/\.+$/, '')}. Fix: ${issue.fix}`;
}

/** Throws MappingMismatchError for input issues; returns the output issues as warnings. */
export async function checkMappingAtRunStart(deps: Pick<EngineDeps, 'connector' | 'logger'>): Promise<string[]> {
  const issues = await deps.connector.validateMapping();
  const inputs = issues.filter((i) => i.role === 'input');
  if (inputs.length > 0) {
    throw new MappingMismatchError(
      [
        `the ${deps.connector.name} mapping does not match what the source has, so this run stopped before pulling or scoring anything (scores would silently change):`,
        ...inputs.map((i) => `  ${describeIssue(i)}`),
        'Correct the mapping or the source, then run again (`scoresync validate --check-crm` checks without running).',
      ].join('\n'),
    );
  }
  const outputs = issues.filter((i) => i.role === 'output').map(describeIssue);
  for (const warning of outputs) deps.logger.warn('output field missing', { issue: warning });
  return outputs;
}
