/**
 * validateMapping for Salesforce: the mapping against describe, which shows exactly what the integration user may
 * read and write (a field without field-level security is absent). Input problems stop every run before it pulls
 * (scores would silently change); output problems are reported and the run writes what it can. One issue per problem,
 * naming object, field and the fix; nothing is written.
 */
import type { Field } from 'jsforce';
import type { MappingFile, ObjectMapping, OutputTarget, OutputType } from '../../src/config/mapping-types.js';
import type { MappingIssue } from '../../src/connector/connector.js';
import { unknownCanonicalFields } from '../../src/mapping/canonical-fields.js';
import type { ObjectKind } from '../../src/model/records.js';
import { ACTIVITY_ROW_COLUMNS, ACTIVITY_SOURCES, SOURCE_FIELDS } from './activities.js';
import { CONTACT_ROLES, inputFields } from './pull.js';
import type { Schemas } from './schemas.js';
import type { ObjectSchema } from './soql.js';

const READ_FIX = 'grant the integration user read access to it (permission set → Object Settings / Field Permissions), or correct the name in mappings/salesforce.yaml';

/** Salesforce field types that can hold each kind of output (describe's `type`). */
const TYPES_FOR: Record<OutputType, readonly string[]> = {
  number: ['double', 'int', 'percent', 'currency', 'long'],
  string: ['string', 'picklist', 'textarea', 'url', 'email', 'phone', 'combobox'],
  text: ['textarea', 'string'],
  boolean: ['boolean'],
  date: ['date', 'datetime'],
  datetime: ['datetime'],
};

/** The shortest text field each output fits in without being cut (reasons are several sentences). */
const MIN_LENGTH: Partial<Record<OutputType, number>> = { string: 40, text: 1000 };

function issue(object: string, field: string, role: MappingIssue['role'], problem: string, fix: string): MappingIssue {
  return { object, field, role, problem, fix };
}

function missingObject(object: string): MappingIssue {
  return issue(object, '(object)', 'input', `the integration user cannot see the ${object} object (describe does not list it)`, `grant the user read access to ${object}, or correct the object name in mappings/salesforce.yaml`);
}

function inputIssues(kind: ObjectKind, mapping: ObjectMapping, schema: ObjectSchema, roles: ObjectSchema | null): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (!schema.queryable) issues.push(issue(schema.name, '(object)', 'input', `${schema.name} cannot be queried by the integration user`, READ_FIX));
  for (const name of unknownCanonicalFields(kind, Object.keys(mapping.fields))) {
    issues.push(issue(schema.name, name, 'input', `"${name}" is not a ${kind} field`, 'correct the name in the mapping, or move it under features'));
  }
  for (const field of inputFields(mapping)) {
    if (kind === 'opportunity' && field === CONTACT_ROLES) {
      if (!schema.childRelationships.has(CONTACT_ROLES.toLowerCase()) || roles === null || !roles.fields.has('contactid')) {
        issues.push(issue(schema.name, CONTACT_ROLES, 'input', 'the opportunity contact roles (OpportunityContactRole.ContactId) are not readable', `grant read access to OpportunityContactRole, or remove contactIds from the mapping`));
      }
      continue;
    }
    if (!schema.fields.has(field.toLowerCase())) issues.push(issue(schema.name, field, 'input', 'is not a field the integration user can read (absent from describe)', READ_FIX));
  }
  return issues;
}

function outputIssue(object: string, output: string, target: OutputTarget, field: Field | undefined): MappingIssue | null {
  const at = (problem: string, fix: string) => issue(object, target.field, 'output', `${problem} (output ${output})`, fix);
  if (field === undefined) return at('does not exist or the integration user cannot see it', 'run `scoresync setup --connector salesforce` to create it and grant access, or correct the field name');
  if (!field.updateable) return at('is read-only for the integration user (updateable is false)', 'give the integration user edit access to the field (permission set → Field Permissions), or map another field');
  const types = TYPES_FOR[target.type];
  if (!types.includes(field.type)) return at(`is a ${field.type} field, but ${output} is a ${target.type}`, `use a ${types.join('/')} field, or change the output's type in the mapping`);
  if (field.type === 'picklist' && field.restrictedPicklist) {
    const values = (field.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
    return at(`is a restricted picklist (${values.join(', ') || 'no values'}): any value ScoreSync computes outside that list is refused`, 'make the picklist unrestricted (or add every value ScoreSync writes), or use a Text field');
  }
  const min = MIN_LENGTH[target.type];
  if (min !== undefined && field.type !== 'picklist' && typeof field.length === 'number' && field.length > 0 && field.length < min) {
    return at(`holds at most ${field.length} characters; ${output} needs up to ${min}`, `lengthen the field to at least ${min} characters`);
  }
  return null;
}

async function activityIssues(schemas: Schemas, mapping: ObjectMapping): Promise<MappingIssue[]> {
  const issues: MappingIssue[] = [];
  const columns = new Set<string>(ACTIVITY_ROW_COLUMNS);
  for (const field of inputFields(mapping)) {
    if (!columns.has(field)) {
      issues.push(issue('Activity', field, 'input', `the activity row the connector assembles has no column "${field}" (it has ${ACTIVITY_ROW_COLUMNS.join(', ')})`, 'map activity fields to those columns (see mappings/salesforce.yaml)'));
    }
  }
  for (const source of ACTIVITY_SOURCES) {
    const schema = await schemas.find(source);
    if (schema === null) continue; // the pull skips an object the user cannot see (logged), e.g. no campaigns
    for (const field of SOURCE_FIELDS[source]) {
      if (field === 'Campaign.Type' || field === 'Campaign.Name') continue;
      if (field !== 'Id' && field !== 'SystemModstamp' && field !== 'WhoId' && field !== 'ContactId') continue;
      if (!schema.fields.has(field.toLowerCase())) issues.push(issue(source, field, 'input', 'is not a field the integration user can read (absent from describe)', READ_FIX));
    }
    if (source === 'CampaignMember' && (await schemas.find('Campaign')) === null) {
      issues.push(issue('Campaign', '(object)', 'input', 'campaign responses need the Campaign object (its Type decides the activity type)', 'grant the integration user read access to Campaign'));
    }
  }
  return issues;
}

const TASK_FIELDS = ['Subject', 'WhoId', 'WhatId', 'OwnerId', 'ActivityDate', 'Description', 'Priority', 'Status'];

async function taskIssues(schemas: Schemas, mappingFile: MappingFile): Promise<MappingIssue[]> {
  const object = mappingFile.tasks?.object ?? 'Task';
  const schema = await schemas.find(object);
  if (schema === null) return [issue(object, '(object)', 'output', `the integration user cannot see ${object}, so next-best-action tasks cannot be created`, `grant the user create access to ${object}`)];
  const issues: MappingIssue[] = [];
  for (const name of TASK_FIELDS) {
    const field = schema.fields.get(name.toLowerCase());
    if (field === undefined || !field.createable) issues.push(issue(object, name, 'output', 'cannot be set when creating a task (not createable for the integration user)', `give the integration user edit access to ${object}.${name}`));
  }
  return issues;
}

export async function validateSalesforceMapping(schemas: Schemas, mappingFile: MappingFile): Promise<MappingIssue[]> {
  const issues: MappingIssue[] = [];
  for (const [kind, mapping] of Object.entries(mappingFile.objects) as [ObjectKind, ObjectMapping][]) {
    if (kind === 'activity') {
      issues.push(...(await activityIssues(schemas, mapping)));
      continue;
    }
    const schema = await schemas.find(mapping.object);
    if (schema === null) {
      issues.push(missingObject(mapping.object));
      continue;
    }
    const roles = kind === 'opportunity' ? await schemas.find('OpportunityContactRole') : null;
    issues.push(...inputIssues(kind, mapping, schema, roles));
    for (const [output, target] of Object.entries(mapping.outputs)) {
      const found = outputIssue(schema.name, output, target, schema.fields.get(target.field.toLowerCase()));
      if (found !== null) issues.push(found);
    }
  }
  issues.push(...(await taskIssues(schemas, mappingFile)));
  return issues;
}
