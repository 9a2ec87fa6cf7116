/**
 * Zod schema for config/scoring.yaml (ICP, personas, weights, thresholds, tiers, stages, playbooks).
 * Every key has a default, so a partial file works; objects are strict, so a typo is an error; rules that name an
 * unknown signal, stage, persona or lifecycle stage fail validation with the path and the fix.
 * The parts live in src/scoring/schema/; docs/scoring.md documents every key.
 */
import { z } from 'zod';
import { AcvSchema, FitSchema } from '../scoring/schema/fit-schema.js';
import { PrioritySchema } from '../scoring/schema/priority-schema.js';
import {
  LifecycleSchema,
  PLAYBOOK_PLACEHOLDERS,
  PlaybooksSchema,
  QualifiedSchema,
  StagesSchema,
  TaskPriorityByScoreSchema,
  TaskPrioritySchema,
  TiersSchema,
} from '../scoring/schema/rules-schema.js';
import { closestMatch } from './suggest.js';
import { CountersSchema, EngagementSchema, IntentSchema, PersonasSchema } from '../scoring/schema/signal-schema.js';
import { LeadsSchema } from '../scoring/schema/leads-schema.js';
import { checkWhen, reportIssues } from '../scoring/schema/validate-refs.js';

const CRITERION_FIELDS = ['industry', 'employees', 'annualRevenue', 'country', 'technologies', 'domain'];

export const ScoringConfigSchema = z
  .strictObject({
    fit: FitSchema,
    acv: AcvSchema,
    personas: PersonasSchema,
    engagement: EngagementSchema,
    intent: IntentSchema,
    signals: z
      .strictObject({
        counters: CountersSchema,
        /** Open-opportunity stages that count as late (signal lateStageOpportunity; case-insensitive). */
        lateOpportunityStages: z.array(z.string().min(1)).default(['Proposal', 'Negotiation', 'Contract', 'Closing', 'Commit']),
      })
      .prefault({}),
    stages: StagesSchema,
    tiers: TiersSchema,
    qualified: QualifiedSchema,
    playbooks: PlaybooksSchema,
    taskPriorityByTier: TaskPrioritySchema,
    taskPriorityByScore: TaskPriorityByScoreSchema,
    lifecycle: LifecycleSchema,
    priority: PrioritySchema,
    leads: LeadsSchema,
    explanations: z
      .strictObject({
        /** Top positive and top negative contributors shown per score in the reasons text. */
        contributorsPerScore: z.number().int().min(1).max(10).default(3),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const issues: { path: (string | number)[]; message: string }[] = [];
    const counters = Object.keys(config.signals.counters);
    config.stages.rules.forEach((r, i) => checkWhen(r.when, ['stages', 'rules', i, 'when'], 'stage', counters, issues));
    config.tiers.rules.forEach((r, i) => checkWhen(r.when, ['tiers', 'rules', i, 'when'], 'tier', counters, issues));
    checkWhen(config.qualified.when, ['qualified', 'when'], 'qualified', counters, issues);
    const personaNames = config.personas.list.map((p) => p.name);
    const seenIds = new Set<string>();
    config.playbooks.forEach((p, i) => {
      checkWhen(p.when, ['playbooks', i, 'when'], 'playbook', counters, issues);
      checkWhen(p.unless ?? undefined, ['playbooks', i, 'unless'], 'playbook', counters, issues);
      for (const key of ['subject', 'action'] as const) {
        for (const [, name] of p[key].matchAll(/\{(\w*)\}/g)) {
          const onlyFor = name === 'personas' || name === 'titles' ? 'personaGap' : name === 'topics' ? 'topicSurge' : null;
          if (onlyFor !== null && p.trigger.type !== onlyFor) {
            issues.push({
              path: ['playbooks', i, key],
              message: `'{${name}}' is only filled for a ${onlyFor} trigger; this playbook's trigger is ${p.trigger.type}, so it would be empty. Fix: remove it.`,
            });
            continue;
          }
          if ((PLAYBOOK_PLACEHOLDERS as readonly string[]).includes(name ?? '')) continue;
          const near = closestMatch(name ?? '', PLAYBOOK_PLACEHOLDERS);
          issues.push({
            path: ['playbooks', i, key],
            message: `unknown placeholder '{${name ?? ''}}'${near ? ` (did you mean '{${near}}'?)` : ''}. Fix: use one of ${PLAYBOOK_PLACEHOLDERS.map((n) => `{${n}}`).join(' ')}.`,
          });
        }
      }
      if (seenIds.has(p.id)) issues.push({ path: ['playbooks', i, 'id'], message: `duplicate playbook id '${p.id}'. Fix: give each playbook its own id (it is part of the task key).` });
      seenIds.add(p.id);
      if (p.trigger.type !== 'personaGap') return;
      for (const name of p.trigger.personas.filter((n) => !personaNames.includes(n))) {
        issues.push({ path: ['playbooks', i, 'trigger', 'personas'], message: `unknown persona '${name}'. Fix: use one of ${personaNames.join(', ')}.` });
      }
    });
    config.fit.rules.criteria.forEach((c, i) => {
      if (!CRITERION_FIELDS.includes(c.field) && !/^features\.[A-Za-z0-9_]+$/.test(c.field)) {
        issues.push({ path: ['fit', 'rules', 'criteria', i, 'field'], message: `unknown field '${c.field}'. Fix: use one of ${CRITERION_FIELDS.join(', ')} or features.<name> (a feature declared in the mapping).` });
      }
    });
    const lifecycleNames = config.lifecycle.stages.map((s) => s.name);
    const checkStageName = (name: string, path: (string | number)[]): void => {
      if (!lifecycleNames.includes(name)) issues.push({ path, message: `unknown lifecycle stage '${name}'. Fix: use one of ${lifecycleNames.join(', ')}.` });
    };
    checkStageName(config.lifecycle.handRaisers.jumpTo, ['lifecycle', 'handRaisers', 'jumpTo']);
    checkStageName(config.lifecycle.negative.holdAt, ['lifecycle', 'negative', 'holdAt']);
    config.lifecycle.salesStages.forEach((s, i) => checkStageName(s, ['lifecycle', 'salesStages', i]));
    reportIssues(issues, ctx);
  });

export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;
