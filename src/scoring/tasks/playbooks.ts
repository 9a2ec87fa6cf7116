/**
 * Playbooks turn events (stage entered, became qualified, topic surge, persona gap) into task drafts for the
 * account owner. Keys are deterministic per (rule, account, window) and a cooldown per rule stops repeats; the drafts
 * of one account and day are then merged into one task (merge-tasks.ts), so a rep gets one to-do per account.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account, Lead } from '../../model/records.js';
import type { AccountScore, BuyingStage, PriorAccountState } from '../../model/scores.js';
import type { TaskDraft, TaskPriority } from '../../model/tasks.js';
import type { CompiledConfig } from '../compile.js';
import type { SignalValues } from '../rules/conditions.js';
import type { Playbook } from '../schema/rules-schema.js';
import { personDisplayName } from '../person-name.js';
import { isoDay } from '../time.js';
import { dueDate, fillTemplate, inCooldown, periodWindow, taskKey } from './task-key.js';

export interface PlaybookInput {
  account: Account;
  score: AccountScore;
  stageChange: { from: BuyingStage | null; to: BuyingStage } | null;
  prior: PriorAccountState | null;
  signals: SignalValues;
  /** The account's matched leads with their personas: a persona gap one of them fills names that lead in the task. */
  leads?: readonly LeadToReach[];
  /** The most engaged person of the buying team ("Ann Lee (CTO)"), whom a persona-gap task says to ask; null if nobody is. */
  bestEngaged?: string | null;
  /** The account's contacts that fit a persona but are not engaged: a persona gap one of them fills names that contact. */
  contacts?: readonly ContactToReach[];
}

export interface ContactToReach {
  name: string;
  persona: string | null;
  personaScore: number;
}

export interface LeadToReach {
  lead: Lead;
  persona: string | null;
  personaScore: number;
  matchReason: string | null;
}

/** The window of a firing playbook, or null when its trigger did not fire. */
function triggerWindow(playbook: Playbook, input: PlaybookInput, nowMs: number): { window: string; personas: string[] } | null {
  const { score } = input;
  const trigger = playbook.trigger;
  switch (trigger.type) {
    case 'stageEntered':
      return input.stageChange && trigger.stages.includes(input.stageChange.to) ? { window: `${input.stageChange.to}@${score.stage.enteredAt.slice(0, 10)}`, personas: [] } : null;
    case 'becameQualified':
      return score.qualified.qualified && input.prior?.qualified !== true ? { window: `since@${(score.qualified.since ?? isoDay(nowMs)).slice(0, 10)}`, personas: [] } : null;
    case 'topicSurge':
      return score.intent.surgingTopics.length > 0 ? { window: periodWindow(nowMs, playbook.cooldownDays), personas: [] } : null;
    case 'personaGap': {
      if (!score.qualified.qualified) return null;
      const missing = trigger.personas.filter((p) => !score.engagement.engagedPersonas.includes(p));
      return missing.length > 0 ? { window: periodWindow(nowMs, playbook.cooldownDays), personas: missing } : null;
    }
  }
}

const PRIORITY_RANK: Record<TaskPriority, number> = { High: 0, Normal: 1, Low: 2 };

export function moreUrgent(a: TaskPriority, b: TaskPriority): TaskPriority {
  return PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b;
}

/** Priority from the account's priority score: the few most likely to buy soon are High, the long tail Low. */
export function priorityByScore(score: number | undefined, config: ScoringConfig): TaskPriority {
  if (score === undefined) return 'Low';
  const { High, Normal } = config.taskPriorityByScore;
  return score >= High ? 'High' : score >= Normal ? 'Normal' : 'Low';
}

export function taskPriority(priority: Playbook['priority'], score: Pick<AccountScore, 'tier' | 'priority'>, config: ScoringConfig): TaskPriority {
  const byTier = config.taskPriorityByTier[score.tier.tier];
  const byScore = priorityByScore(score.priority?.score, config);
  if (priority === 'byTier') return byTier;
  if (priority === 'byPriority') return byScore;
  if (priority === 'auto') return moreUrgent(byTier, byScore);
  return priority;
}

/** The titles to look for to fill the missing personas (configured keywords, not /regex/ patterns), at most six. */
function titlesFor(personas: readonly string[], config: ScoringConfig): string {
  const titles = config.personas.list.filter((p) => personas.includes(p.name)).flatMap((p) => p.titles.filter((t) => !/^\/.*\/$/.test(t)));
  return [...new Set(titles)].slice(0, 6).join(', ');
}

export function runPlaybooks(input: PlaybookInput, compiled: CompiledConfig, config: ScoringConfig, nowMs: number): TaskDraft[] {
  const tasks: TaskDraft[] = [];
  const { account, score } = input;
  for (const playbook of config.playbooks) {
    const fired = triggerWindow(playbook, input, nowMs);
    if (!fired) continue;
    if (inCooldown(input.prior?.lastTaskAtByRule[playbook.id], nowMs, playbook.cooldownDays)) continue;
    const extra = compiled.playbookWhen.get(playbook.id);
    if (extra && extra.firstMatch(input.signals) < 0) continue;
    const unless = compiled.playbookUnless.get(playbook.id);
    if (unless && unless.firstMatch(input.signals) >= 0) continue;
    // A contact already in the CRM who fits the missing persona comes first; else a matched lead who does.
    const known = fired.personas.length > 0 ? contactFor(fired.personas, input.contacts ?? []) : null;
    const lead = fired.personas.length > 0 && known === null ? leadFor(fired.personas, input.leads ?? []) : null;
    // Every value is filled: an empty one would leave "()" or a dangling word in a rep's subject.
    const values = {
      account: account.name,
      stage: score.stage.stage,
      tier: score.tier.tier === 'none' ? '' : score.tier.tier,
      topics: score.intent.surgingTopics.join(', '),
      personas: fired.personas.join(', '),
      contact: input.bestEngaged ?? 'your contacts there',
      titles: titlesFor(fired.personas, config) || 'the right titles',
    };
    tasks.push({
      key: taskKey(playbook.id, account.id, fired.window),
      rule: playbook.id,
      accountId: account.id,
      contactId: null,
      ...(lead ? { leadId: lead.lead.id } : {}),
      ownerId: account.ownerId,
      subject: fillTemplate(playbook.subject, values),
      body: `${fillTemplate(playbook.action, values)}${known ? ` Start with ${known.name}: fits ${known.persona ?? ''} and is not engaged yet.` : ''}${lead ? ` ${reachLead(lead)}` : ''}`,
      dueDate: dueDate(nowMs, playbook.dueInDays),
      priority: taskPriority(playbook.priority, score, config),
    });
  }
  return tasks;
}

/** The contact that best fills a missing persona: highest persona score, then first in the list. */
function contactFor(missing: readonly string[], contacts: readonly ContactToReach[]): ContactToReach | null {
  let best: ContactToReach | null = null;
  for (const c of contacts) if (c.persona !== null && missing.includes(c.persona) && (best === null || c.personaScore > best.personaScore)) best = c;
  return best;
}

/** The lead that best fills a missing persona: highest persona score, then lowest id (the same answer every run). */
function leadFor(missing: readonly string[], leads: readonly LeadToReach[]): LeadToReach | null {
  let best: LeadToReach | null = null;
  for (const candidate of leads) {
    if (candidate.persona === null || !missing.includes(candidate.persona)) continue;
    if (best === null || candidate.personaScore > best.personaScore || (candidate.personaScore === best.personaScore && candidate.lead.id < best.lead.id)) {
      best = candidate;
    }
  }
  return best;
}

function reachLead({ lead, persona, matchReason }: LeadToReach): string {
  const via = matchReason ? `, matched to this account by ${matchReason}` : '';
  return `Start with ${personDisplayName(lead, true)}: fits ${persona ?? ''} and is not engaged yet (a lead${via}).`;
}
