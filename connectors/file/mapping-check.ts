/**
 * validateMapping / setupOutputs for a folder of files: a file's header is its "describe". Mapped input columns must
 * exist; output columns may be missing because `scoresync setup` adds them (empty) without touching other cells.
 */
import type { MappingFile, ObjectMapping } from '../../src/config/mapping-types.js';
import type { MappingIssue, SetupAction } from '../../src/connector/connector.js';
import type { Logger } from '../../src/log/logger.js';
import { unknownCanonicalFields } from '../../src/mapping/canonical-fields.js';
import type { ObjectKind } from '../../src/model/records.js';
import type { DataTable } from './data-table.js';
import { describeError } from './errors.js';
import type { TableFiles } from './table-files.js';

function inputColumns(mapping: ObjectMapping): { name: string; column: string }[] {
  const columns = [{ name: 'id', column: mapping.id.field }];
  if (mapping.modifiedAt) columns.push({ name: 'modifiedAt', column: mapping.modifiedAt.field });
  for (const [name, source] of Object.entries(mapping.fields)) columns.push({ name, column: source.field });
  for (const [name, source] of Object.entries(mapping.features)) columns.push({ name: `features.${name}`, column: source.field });
  return columns;
}

export async function validateFileMapping(files: TableFiles, mappingFile: MappingFile): Promise<MappingIssue[]> {
  const issues: MappingIssue[] = [];
  for (const [kind, mapping] of Object.entries(mappingFile.objects) as [ObjectKind, ObjectMapping][]) {
    for (const name of unknownCanonicalFields(kind, Object.keys(mapping.fields))) {
      issues.push({ object: mapping.object, field: name, problem: `"${name}" is not a ${kind} field`, fix: 'correct the name in the mapping, or move it under features' });
    }
    let table: DataTable | null;
    try {
      table = await files.read(mapping.object);
    } catch (error) {
      issues.push({ object: mapping.object, field: '(file)', problem: describeError(error), fix: 'repair the file, then validate again' });
      continue;
    }
    if (table === null) {
      if (kind === 'account') {
        issues.push({ object: mapping.object, field: '(file)', problem: `no ${mapping.object}.csv or ${mapping.object}.json in ${files.dataDir}`, fix: 'pass --data <folder> or set connectors.file.dataDir to the folder holding your files' });
      }
      continue;
    }
    issues.push(...columnIssues(table, mapping));
  }
  return issues;
}

function columnIssues(table: DataTable, mapping: ObjectMapping): MappingIssue[] {
  // A JSON file with no records has no keys to check against.
  if (table.file.format === 'json' && table.rows.length === 0) return [];
  const columns = new Set(table.columns());
  const issues: MappingIssue[] = [];
  for (const { name, column } of inputColumns(mapping)) {
    if (columns.has(column)) continue;
    issues.push({
      object: mapping.object,
      field: column,
      problem: `column "${column}" (mapped to ${name}) is not in ${table.file.name}; its columns are: ${table.columns().join(', ')}`,
      fix: `rename the column in ${table.file.name} or change "${name}" in the mapping`,
    });
  }
  for (const [output, target] of Object.entries(mapping.outputs)) {
    if (columns.has(target.field)) continue;
    issues.push({
      object: mapping.object,
      field: target.field,
      problem: `output column "${target.field}" (for ${output}) is not in ${table.file.name} yet`,
      fix: 'run `scoresync setup` to add it (empty values; other cells are left unchanged)',
    });
  }
  return issues;
}

export async function setupFileOutputs(files: TableFiles, mappingFile: MappingFile, dryRun: boolean, logger: Logger): Promise<SetupAction[]> {
  const actions: SetupAction[] = [];
  for (const kind of ['account', 'contact', 'lead'] as const) {
    const mapping = mappingFile.objects[kind];
    if (!mapping || Object.keys(mapping.outputs).length === 0) continue;
    const table = kind === 'account' ? await files.readRequired(mapping.object) : await files.read(mapping.object);
    if (table === null) {
      logger.warn(`no ${mapping.object} file in ${files.dataDir}; its output columns will be added when you run setup with the file present`, { object: mapping.object });
      continue;
    }
    const existing = new Set(table.columns());
    const missing: string[] = [];
    for (const target of Object.values(mapping.outputs)) {
      if (existing.has(target.field)) {
        actions.push({ object: mapping.object, field: target.field, action: 'exists', detail: `column ${target.field} is in ${table.file.name}` });
        continue;
      }
      if (missing.includes(target.field)) continue;
      missing.push(target.field);
      const verb = dryRun ? 'would add' : 'added';
      actions.push({ object: mapping.object, field: target.field, action: dryRun ? 'create' : 'created', detail: `${verb} empty column ${target.field} at the end of ${table.file.name}` });
    }
    if (!dryRun && missing.length > 0) {
      for (const column of missing) table.addColumn(column);
      await files.write(table);
    }
  }
  return actions;
}
