/** Reads one YAML file; a missing file or a syntax error becomes a ConfigError a person can act on. */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { displayPath } from './display-path.js';
import { ConfigError, type ConfigProblem } from './errors.js';

export interface YamlFileOptions {
  /** Which option or flag chose this path, for the "file not found" fix, e.g. "pass --config <path>". */
  setBy: string;
}

export interface YamlFile {
  absolutePath: string;
  /** The path as shown in messages. */
  file: string;
  data: unknown;
}

export function readYamlFile(absolutePath: string, options: YamlFileOptions): YamlFile {
  const file = displayPath(absolutePath);
  const text = readText(absolutePath, file, options);
  return { absolutePath, file, data: parseYaml(text, file) };
}

function readText(absolutePath: string, file: string, options: YamlFileOptions): string {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? `file not found (looked for ${absolutePath})`
        : code === 'EISDIR'
          ? `is a folder, not a YAML file (${absolutePath})`
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(file, { path: '(file)', problem, fix: `create the file, or ${options.setBy}` });
  }
}

/** Parses YAML text; every syntax error is reported with its line and column. */
export function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems: ConfigProblem[] = document.errors.map((error) => {
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      return {
        path: `line ${position.line}, column ${position.col}`,
        problem: `YAML syntax error: ${firstLine(error.message)}`,
        fix: syntaxFix(error.code),
      };
    });
    throw new ConfigError(file, problems);
  }
  return document.toJS({ maxAliasCount: 100 }) as unknown;
}

function firstLine(message: string): string {
  // prettyErrors appends the offending source line and a caret; the position is already in the path.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function syntaxFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'keep only one entry for this key (the same key appears twice in one section)';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'check the indentation and quoting on this line and the one before it (values containing ": " or "#" need quotes)';
    default:
      return 'correct the YAML at this position (indent with spaces, quote values that contain ": " or "#")';
  }
}
