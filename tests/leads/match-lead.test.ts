import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import {
  accountMatchKeys,
  buildAccountIndex,
  domainCandidates,
  leadMatchKeys,
  matchLead,
  matchOptions,
  type AccountMatchKey,
  type MatchOptions,
} from '../../src/leads/index.js';
import type { Lead } from '../../src/model/records.js';
import { lead } from './builders.js';

function options(leads: unknown = {}): MatchOptions {
  return matchOptions(ScoringConfigSchema.parse({ leads }));
}

const ACCOUNTS: AccountMatchKey[] = [
  { id: 'A-acme', domain: 'acme.com', name: 'Acme, Inc.', employees: 900 },
  { id: 'A-globex', domain: 'globex.io', name: 'Globex Corporation', employees: 300 },
  { id: 'A-initech', domain: 'initech.co.uk', name: 'Initech Ltd', employees: 40 },
  { id: 'A-umbrella', domain: null, name: 'Umbrella GmbH', employees: null },
  // Two accounts on one domain: the parent and a regional branch.
  { id: 'A-hooli-eu', domain: 'hooli.com', name: 'Hooli Europe', employees: 200 },
  { id: 'A-hooli', domain: 'hooli.com', name: 'Hooli', employees: 5000 },
  // Duplicates with nothing to tell them apart but the id.
  { id: 'A-dup-2', domain: 'twin.io', name: 'Twin Co', employees: null },
  { id: 'A-dup-1', domain: 'twin.io', name: 'Twin Co', employees: null },
  // An account someone created for a mailbox provider: no lead may match it by a Gmail address.
  { id: 'A-google', domain: 'gmail.com', name: 'Google', employees: 100000 },
];

describe('matchLead', () => {
  const opts = options();
  const index = buildAccountIndex(ACCOUNTS, opts);
  const cases: [string, Partial<Lead>, string | null, string | null][] = [
    ['email domain', { email: 'ann@acme.com' }, 'A-acme', 'email domain acme.com'],
    ['email domain, case and whitespace', { email: '  Ann@ACME.com ' }, 'A-acme', 'email domain acme.com'],
    ['email on a subdomain reaches the company domain', { email: 'ann@eu.acme.com' }, 'A-acme', 'email domain acme.com'],
    ['a country second-level domain is never stripped to co.uk', { email: 'bo@mail.initech.co.uk' }, 'A-initech', 'email domain initech.co.uk'],
    ['email before website', { email: 'ann@globex.io', website: 'acme.com' }, 'A-globex', 'email domain globex.io'],
    ['free mail falls through to the website', { email: 'ann.smith@gmail.com', website: 'https://www.acme.com/about' }, 'A-acme', 'website acme.com'],
    ['free mail falls through to the company name', { email: 'ann@gmail.com', company: 'ACME Inc' }, 'A-acme', "company name 'ACME Inc'"],
    ['free mail never matches, even an account on that domain', { email: 'x@gmail.com' }, null, null],
    ['a free-mail website never matches either', { website: 'gmail.com' }, null, null],
    ['an unknown domain falls through to the company name', { email: 'u@umbrella.de', company: 'Umbrella' }, 'A-umbrella', "company name 'Umbrella'"],
    ['company name with punctuation and legal form', { company: '  the globex corp. ' }, 'A-globex', "company name 'the globex corp.'"],
    ['a different company stays unmatched', { email: 'z@zeta.dev', company: 'Zeta Labs' }, null, null],
    ['a placeholder company never matches', { company: '[not provided]' }, null, null],
    ['an email without @ is no email domain', { email: 'acme.com' }, null, null],
    ['tie on a domain: the account named like the company', { email: 'k@hooli.com', company: 'Hooli Europe B.V.' }, 'A-hooli-eu', "email domain hooli.com (2 accounts match; chose the one named like the lead's company)"],
    ['tie on a domain: otherwise the most employees', { email: 'k@hooli.com' }, 'A-hooli', 'email domain hooli.com (2 accounts match; chose the one with the most employees)'],
    ['tie with nothing else: the lowest id', { website: 'twin.io' }, 'A-dup-1', 'website twin.io (2 accounts match; chose the one with the lowest id)'],
    ['a converted lead is never matched', { email: 'ann@acme.com', isConverted: true, convertedContactId: 'C1' }, null, null],
  ];
  it.each(cases)('%s', (_name, fields, accountId, reason) => {
    const match = matchLead(lead('L1', fields), index, opts);
    expect(match === null ? null : [match.accountId, match.reason]).toEqual(accountId === null ? null : [accountId, reason]);
  });

  it('gives the same answer whatever order the accounts are indexed in', () => {
    const reversed = buildAccountIndex([...ACCOUNTS].reverse(), opts);
    for (const fields of [{ email: 'k@hooli.com' }, { website: 'twin.io' }, { company: 'Twin Co' }]) {
      expect(matchLead(lead('L1', fields), reversed, opts)).toEqual(matchLead(lead('L1', fields), index, opts));
    }
  });

  it('follows the configured rules and free-mail list', () => {
    const noNames = options({ matching: { rules: ['website', 'emailDomain'] } });
    const noNameIndex = buildAccountIndex(ACCOUNTS, noNames);
    expect(matchLead(lead('L1', { company: 'Acme' }), noNameIndex, noNames)).toBeNull();
    expect(matchLead(lead('L1', { email: 'a@globex.io', website: 'acme.com' }), noNameIndex, noNames)?.accountId).toBe('A-acme');
    const acmeIsFreeMail = options({ matching: { freeMailDomains: ['ACME.com'] } });
    expect(matchLead(lead('L1', { email: 'a@acme.com' }), buildAccountIndex(ACCOUNTS, acmeIsFreeMail), acmeIsFreeMail)).toBeNull();
    // gmail.com is no longer on the list: the account on it matches.
    expect(matchLead(lead('L1', { email: 'x@gmail.com' }), buildAccountIndex(ACCOUNTS, acmeIsFreeMail), acmeIsFreeMail)?.accountId).toBe('A-google');
  });

  it('rejects a rule listed twice', () => {
    expect(() => ScoringConfigSchema.parse({ leads: { matching: { rules: ['website', 'website'] } } })).toThrow(/twice/);
  });
});

describe('match keys: how a changed account finds the leads it may now attract', () => {
  const opts = options();
  it('a lead has a key per domain it could match on and its company name', () => {
    expect(leadMatchKeys(lead('L1', { email: 'a@eu.acme.com', website: 'www.acme.io', company: 'Acme Inc.' }), opts)).toEqual([
      'domain:acme.com',
      'domain:acme.io',
      'domain:eu.acme.com',
      'name:acme',
    ]);
    expect(leadMatchKeys(lead('L1', { email: 'a@gmail.com', company: 'n/a' }), opts)).toEqual([]);
    expect(leadMatchKeys(lead('L1', { email: 'a@acme.com', isConverted: true }), opts)).toEqual([]);
  });

  it('an account has the same kind of keys, so one lookup finds the leads', () => {
    const account = ACCOUNTS[0] as AccountMatchKey;
    const keys = accountMatchKeys(account, opts);
    expect(keys).toEqual(['domain:acme.com', 'name:acme']);
    expect(leadMatchKeys(lead('L1', { email: 'a@eu.acme.com' }), opts).some((k) => keys.includes(k))).toBe(true);
  });

  it.each([
    ['acme.com', ['acme.com']],
    ['eu.acme.com', ['eu.acme.com', 'acme.com']],
    ['a.b.acme.co.uk', ['a.b.acme.co.uk', 'b.acme.co.uk', 'acme.co.uk']],
    ['co.uk', ['co.uk']],
  ])('domainCandidates(%s)', (host, expected) => {
    expect(domainCandidates(host)).toEqual(expected);
  });
});
