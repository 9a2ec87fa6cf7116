/** The people at one generated account, with realistic titles and emails on the account's domain. */
import type { Account, Contact } from '../../src/model/records.js';
import { DAY_MS, isoAt } from './dates.js';
import type { DatagenOptions } from './options.js';
import { emailPart, FIRST_NAMES, LAST_NAMES, TITLE_WEIGHTS, type TitleProfile } from './people.js';
import type { Rng } from './random.js';

/** A contact plus the hidden traits that decide how much it engages. */
export interface GeneratedContact {
  contact: Contact;
  profile: TitleProfile;
  /** Relative activity level of this person (title engagement × personal noise). */
  engagement: number;
}

export function contactId(accountIndex: number, ordinal: number): string {
  return `003${String(accountIndex).padStart(8, '0')}${String(ordinal).padStart(4, '0')}`;
}

function contactCount(rng: Rng, average: number): number {
  const count = average >= 1 ? 1 + rng.poisson(average - 1) : rng.poisson(average);
  return Math.min(count, 9_999);
}

export function generateContacts(rng: Rng, account: Account, accountIndex: number, options: DatagenOptions): GeneratedContact[] {
  const count = contactCount(rng, options.contactsPerAccount);
  const usedEmails = new Set<string>();
  const nowMs = options.now.getTime();
  const out: GeneratedContact[] = [];
  for (let ordinal = 1; ordinal <= count; ordinal += 1) {
    const profile = rng.weighted(TITLE_WEIGHTS);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    let local = `${emailPart(firstName)}.${emailPart(lastName)}`;
    if (usedEmails.has(local)) local = `${local}${ordinal}`;
    usedEmails.add(local);
    const contact: Contact = {
      id: contactId(accountIndex, ordinal),
      source: options.source,
      accountId: account.id,
      email: account.domain === null ? null : `${local}@${account.domain}`,
      firstName,
      lastName,
      title: profile.title,
      department: rng.chance(0.04) ? null : profile.department,
      seniority: rng.chance(0.04) ? null : profile.seniority,
      ownerId: account.ownerId,
      features: {},
      modifiedAt: isoAt(nowMs - rng.uniform(0, options.historyMonths * 30) * DAY_MS),
      crmValues: {},
    };
    out.push({ contact, profile, engagement: profile.engagement * rng.logNormal(-0.18, 0.6) });
  }
  return out;
}
