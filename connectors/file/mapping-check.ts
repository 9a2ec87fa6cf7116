/**
 * validateMapping / setupOutputs for a folder of files: a file's header is its "describe". Mapped input columns must
 * exist; output columns may be missing because `scoresync setup` adds them (empty) without touching other cells.
 */
import type { MappingFile, ObjectMapping } from '../../src/config/mapping-types.js';
import type { MappingIssue, SetupAction } from '../../src/connector/connector.js';
import type { Logger } from '../../src/log/logger.js';
import { unknownCanonicalFields } from '../../src/mapping/canonical-fields.js';
import type { ObjectKind } from '../../src/model/records.js';
import { describeError } from './errors.js';
import type { FileColumns, TableFiles } from './table-files.js';

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
      issues.push({ object: mapping.object, field: name, role: 'input', problem: `"${name}" is not a ${kind} field`, fix: 'correct the name in the mapping, or move it under features' });
    }
    let found: FileColumns | null;
    try {
      found = await files.readColumns(mapping.object);
    } catch (error) {
      issues.push({ object: mapping.object, field: '(file)', role: 'input', problem: describeError(error), fix: 'repair the file, then validate again' });
      continue;
    }
    if (found === null) {
      if (kind === 'account') {
        issues.push({ object: mapping.object, field: '(file)', role: 'input', problem: `no ${mapping.object}.csv or ${mapping.object}.json in ${files.dataDir}`, fix: 'pass --data <folder> or set connectors.file.dataDir to the folder holding your files' });
      }
      continue;
    }
    if (found.blank) {
      issues.push({ object: mapping.object, field: '(file)', role: 'input', problem: `${found.file.name} is empty (not even a header line)`, fix: `export ${found.file.name} again with its header, or remove the file if there are no ${mapping.object}` });
      continue;
    }
    issues.push(...columnIssues(found, mapping));
  }
  return issues;
}

function columnIssues(found: FileColumns, mapping: ObjectMapping): MappingIssue[] {
  // A JSON file with no records has no keys to check against.
  if (found.file.format === 'json' && found.columns.length === 0) return [];
  const columns = new Set(found.columns);
  const name = found.file.name;
  const issues: MappingIssue[] = [];
  for (const input of inputColumns(mapping)) {
    if (columns.has(input.column)) continue;
    issues.push({
      object: mapping.object,
      field: input.column,
      role: 'input',
      problem: `column "${input.column}" (mapped to ${input.name}) is not in ${name}; its columns are: ${found.columns.join(', ')}`,
      fix: `rename the column in ${name} or change "${input.name}" in the mapping`,
    });
  }
  for (const [output, target] of Object.entries(mapping.outputs)) {
    if (columns.has(target.field)) continue;
    issues.push({
      object: mapping.object,
      field: target.field,
      role: 'output',
      problem: `output column "${target.field}" (for ${output}) is not in ${name} yet; the first write adds it at the end`,
      fix: 'run `scoresync setup` to add it now (empty values; other cells are left unchanged)',
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
