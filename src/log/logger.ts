/**
 * Logging: structured JSON lines (winston) for machines, quiet human output for a terminal.
 * Every line of a run carries its run id; every value passes through redaction.
 */
import winston from 'winston';
import { redactText, redactValue } from './redact.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
  child(meta: Record<string, unknown>): Logger;
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level') continue;
    const value = (info as Record<string, unknown>)[key];
    (info as Record<string, unknown>)[key] = key === 'message' && typeof value === 'string' ? redactText(value) : redactValue(value);
  }
  return info;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** 'json' for non-TTY/structured logs, 'pretty' for a person at a terminal. */
  format?: 'json' | 'pretty';
  /** Write to this stream instead of stderr (tests). */
  stream?: NodeJS.WritableStream;
  silent?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = winston.format.printf((info) => {
    const { level, message, timestamp: _t, runId: _r, ...rest } = info as Record<string, unknown>;
    const extra = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : '';
    return `${String(level)}: ${String(message)}${extra}`;
  });
  const format =
    options.format === 'pretty'
      ? winston.format.combine(redactFormat(), pretty)
      : winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json());
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Stream({ stream: process.stderr });
  const base = winston.createLogger({
    level: options.level ?? 'info',
    format,
    transports: [transport],
    silent: options.silent ?? false,
  });
  return wrap(base);
}

function wrap(w: winston.Logger): Logger {
  return {
    error: (m, meta) => void w.error(m, meta),
    warn: (m, meta) => void w.warn(m, meta),
    info: (m, meta) => void w.info(m, meta),
    debug: (m, meta) => void w.debug(m, meta),
    child: (meta) => wrap(w.child(meta)),
  };
}

/** A logger that drops everything (tests and library use). */
export function silentLogger(): Logger {
  return createLogger({ silent: true });
}
