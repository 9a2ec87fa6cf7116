/** Third-party topic intent import (`scoresync import-intent <csv>`). */
export { IntentFileError, type IntentReject } from './intent-errors.js';
export { parseIntentCsv, type IntentParseOptions, type IntentParseResult } from './parse-intent-csv.js';
export { readIntentFile } from './read-intent-file.js';
export { summarizeIntentImport } from './summarize.js';
