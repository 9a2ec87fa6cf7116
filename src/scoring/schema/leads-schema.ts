/** Schema for `leads` in config/scoring.yaml: how unconverted leads are matched to accounts. */
import { z } from 'zod';
import { PLACEHOLDER_COMPANIES } from '../../leads/company-key.js';
import { DEFAULT_FREE_MAIL_DOMAINS } from '../../leads/free-mail.js';
import { MATCH_RULES } from '../../leads/match-lead.js';

export const LeadsSchema = z
  .strictObject({
    matching: z
      .strictObject({
        /** Tried in this order; the first that finds an account wins. Leave one out to never match that way. */
        rules: z
          .array(z.enum(MATCH_RULES))
          .default([...MATCH_RULES])
          .refine((rules) => new Set(rules).size === rules.length, { message: 'lists a rule twice. Fix: name each rule once' }),
        /** Mailbox providers whose domain says nothing about the employer: never matched by email or website. */
        freeMailDomains: z.array(z.string().min(1)).default([...DEFAULT_FREE_MAIL_DOMAINS]),
        /** Company names that are no company ("[not provided]", "n/a"): never matched by name. */
        placeholderCompanies: z.array(z.string().min(1)).default([...PLACEHOLDER_COMPANIES]),
      })
      .prefault({}),
  })
  .prefault({});
