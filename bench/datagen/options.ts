/** Options of the CRM data generator, their defaults, and validation with messages that say what to fix. */

export interface DatagenOptions {
  /** Any integer; the same seed and options always give the same records. */
  seed: number;
  /** How many accounts to generate. */
  accounts: number;
  /** Average contacts per account (each account has at least one when this is ≥ 1). */
  contactsPerAccount: number;
  /** Average activities per contact, over the whole history window. */
  activitiesPerContact: number;
  /** Average leads generated around each account (matching it, converted into one of its contacts, or from a company not in the CRM). */
  leadsPerAccount: number;
  /** The instant the data is generated "as of": nothing happens after it. Pass it explicitly; the generator never reads the clock. */
  now: Date;
  /** How far back opportunities and activities go. */
  historyMonths: number;
  /** Written into every record's `source` (the connector name the data pretends to come from). */
  source: string;
}

export type DatagenInput = Pick<DatagenOptions, 'seed' | 'accounts' | 'now'> & Partial<DatagenOptions>;

export const DATAGEN_DEFAULTS = {
  contactsPerAccount: 5,
  activitiesPerContact: 8,
  leadsPerAccount: 0,
  historyMonths: 24,
  source: 'file',
} as const;

export class DatagenOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatagenOptionsError';
  }
}

export function resolveOptions(input: DatagenInput): DatagenOptions {
  const options: DatagenOptions = { ...DATAGEN_DEFAULTS, ...input };
  requireNumber('seed', options.seed, { integer: true });
  requireNumber('accounts', options.accounts, { integer: true, min: 0 });
  requireNumber('contactsPerAccount', options.contactsPerAccount, { min: 0 });
  requireNumber('activitiesPerContact', options.activitiesPerContact, { min: 0 });
  requireNumber('leadsPerAccount', options.leadsPerAccount, { min: 0 });
  requireNumber('historyMonths', options.historyMonths, { integer: true, min: 1 });
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new DatagenOptionsError('datagen option "now" must be a valid Date, e.g. new Date("2026-11-20T12:00:00Z")');
  }
  if (typeof options.source !== 'string' || options.source.trim() === '') {
    throw new DatagenOptionsError('datagen option "source" must be a non-empty connector name, e.g. "file"');
  }
  return options;
}

function requireNumber(name: string, value: unknown, rule: { integer?: boolean; min?: number }): void {
  const kind = rule.integer ? 'an integer' : 'a number';
  const bound = rule.min === undefined ? '' : ` ≥ ${rule.min}`;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min);
  if (!ok) throw new DatagenOptionsError(`datagen option "${name}" must be ${kind}${bound}; got ${JSON.stringify(value)}`);
}
