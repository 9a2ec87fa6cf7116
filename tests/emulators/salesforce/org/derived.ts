/**
 * Fields the platform computes: names, closed/won flags from the stage, an activity's account, campaign responses.
 * Applied after every write, so the values a client reads back are the ones a real org would show.
 */
import { OPPORTUNITY_STAGES, TASK_STATUSES } from '../schema/standard-objects.js';
import { isoDay } from '../values.js';
import type { SfRecord } from './store.js';

export interface DerivedContext {
  nowMs: number;
  /** Reads a live record of any object by id (used to find an activity's account). */
  lookup(id: string): { object: string; record: SfRecord } | undefined;
}

type Deriver = (record: SfRecord, changed: ReadonlySet<string>, isCreate: boolean, context: DerivedContext) => void;

const personName: Deriver = (record) => {
  const parts = [record['FirstName'], record['LastName']].filter((p): p is string => typeof p === 'string' && p !== '');
  record['Name'] = parts.length === 0 ? null : parts.join(' ');
};

const opportunity: Deriver = (record, changed, isCreate) => {
  const stage = OPPORTUNITY_STAGES.find((s) => s.name === record['StageName']);
  record['IsClosed'] = stage?.closed ?? false;
  record['IsWon'] = stage?.won ?? false;
  const stageMoved = isCreate ? record['Probability'] === null || record['Probability'] === undefined : changed.has('StageName');
  if (stage !== undefined && stageMoved && !changed.has('Probability')) record['Probability'] = stage.probability;
};

function activityAccount(record: SfRecord, context: DerivedContext): string | null {
  const what = typeof record['WhatId'] === 'string' ? context.lookup(record['WhatId']) : undefined;
  if (what?.object === 'Account') return String(what.record['Id']);
  if (what?.object === 'Opportunity') return (what.record['AccountId'] as string | null) ?? null;
  const who = typeof record['WhoId'] === 'string' ? context.lookup(record['WhoId']) : undefined;
  if (who?.object === 'Contact') return (who.record['AccountId'] as string | null) ?? null;
  return null;
}

const task: Deriver = (record, _changed, _isCreate, context) => {
  const closed = TASK_STATUSES.find((s) => s.name === record['Status'])?.closed ?? false;
  if (closed && record['IsClosed'] !== true) record['CompletedDateTime'] = new Date(context.nowMs).toISOString().replace('Z', '+0000');
  if (!closed) record['CompletedDateTime'] = null;
  record['IsClosed'] = closed;
  record['IsHighPriority'] = record['Priority'] === 'High';
  record['AccountId'] = activityAccount(record, context);
};

const event: Deriver = (record, _changed, _isCreate, context) => {
  const when = record['ActivityDateTime'] ?? record['StartDateTime'];
  record['ActivityDate'] = typeof when === 'string' ? when.slice(0, 10) : record['IsAllDayEvent'] === true ? (record['ActivityDate'] ?? null) : null;
  if ((record['StartDateTime'] ?? null) === null && typeof record['ActivityDateTime'] === 'string') record['StartDateTime'] = record['ActivityDateTime'];
  record['AccountId'] = activityAccount(record, context);
};

const campaignMember: Deriver = (record, _changed, _isCreate, context) => {
  const responded = record['Status'] === 'Responded';
  if (responded && record['HasResponded'] !== true && (record['FirstRespondedDate'] ?? null) === null) {
    record['FirstRespondedDate'] = isoDay(context.nowMs);
  }
  record['HasResponded'] = responded;
};

const DERIVERS: Record<string, Deriver> = {
  Contact: personName,
  Lead: personName,
  User: personName,
  Opportunity: opportunity,
  Task: task,
  Event: event,
  CampaignMember: campaignMember,
};

export function applyDerived(object: string, record: SfRecord, changed: ReadonlySet<string>, isCreate: boolean, context: DerivedContext): void {
  DERIVERS[object]?.(record, changed, isCreate, context);
}
