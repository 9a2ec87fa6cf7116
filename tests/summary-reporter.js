/**
 * Ends every Jest run with one plain line, "jest: N passed, N failed, N skipped". It is also kept in
 * .scoresync/last-test-summary.txt so .ci/run can print it as its very last line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`;
    process.stderr.write(`\n${line}`);
    mkdirSync('.scoresync', { recursive: true });
    writeFileSync('.scoresync/last-test-summary.txt', line);
  }
}
