/**
 * A lead no account claims is scored on its own firmographics with the very fit model accounts get (rules or
 * learned, whichever is in force): the lead's company stands in for an account. A lead carries no technologies.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import { normalizeDomain } from '../../model/domain.js';
import type { Account, Lead } from '../../model/records.js';
import type { FitResult } from '../../model/scores.js';
import type { ScoringModels } from '../api.js';
import { scoreFit } from './fit.js';

export function leadAsAccount(lead: Lead): Account {
  return {
    id: lead.id,
    source: lead.source,
    name: lead.company ?? '',
    domain: normalizeDomain(lead.website),
    industry: lead.industry,
    employees: lead.employees,
    annualRevenue: lead.annualRevenue,
    country: lead.country,
    technologies: [],
    ownerId: lead.ownerId,
    isCustomer: false,
    tierOverride: null,
    features: lead.features,
    modifiedAt: lead.modifiedAt,
    crmValues: {},
  };
}

export function scoreLeadFit(lead: Lead, models: ScoringModels, config: ScoringConfig): FitResult {
  return scoreFit(leadAsAccount(lead), models, config);
}
