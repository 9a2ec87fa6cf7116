/**
 * A lead no account claims is scored on its own firmographics with the very fit model accounts get (rules or
 * learned, whichever is in force): the lead's company stands in for an account. A lead has no technologies: the
 * learned model does not read that field for a lead (its "no known technologies" weight would count an absence
 * of data as an absence of tools), and the rules' technology criterion scores it as missing.
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

/** One derived config per scoring config, so its compiled form is cached like the original's. */
const withoutTechnologies = new WeakMap<ScoringConfig, ScoringConfig>();

function leadFitConfig(config: ScoringConfig): ScoringConfig {
  if (!config.fit.learned.fields.includes('technologies')) return config;
  let derived = withoutTechnologies.get(config);
  if (!derived) {
    const fields = config.fit.learned.fields.filter((f) => f !== 'technologies');
    derived = { ...config, fit: { ...config.fit, learned: { ...config.fit.learned, fields } } };
    withoutTechnologies.set(config, derived);
  }
  return derived;
}

export function scoreLeadFit(lead: Lead, models: ScoringModels, config: ScoringConfig): FitResult {
  return scoreFit(leadAsAccount(lead), models, leadFitConfig(config));
}
