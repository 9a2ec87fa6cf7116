/**
 * The org as JSON: schema additions, permission sets, records, id counters and API usage. Written to a file (via a
 * temporary file and a rename, so a reader never sees half a file) and read back to resume an org.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Org } from './org/org.js';
import type { CustomFieldEntry, FieldPermission } from './org/schema.js';
import type { SfRecord } from './org/store.js';

export interface OrgSnapshot {
  format: 'scoresync-sf-emulator/1';
  orgId: string;
  apiUsed: number;
  ids: Record<string, number>;
  customFields: CustomFieldEntry[];
  permissionSets: { fullName: string; label: string; description: string | null; fieldPermissions: [string, FieldPermission][] }[];
  records: Record<string, SfRecord[]>;
}

export function snapshotOrg(org: Org, apiUsed: number): OrgSnapshot {
  const records: Record<string, SfRecord[]> = {};
  for (const object of org.store.objects()) records[object] = [...org.store.table(object).values()];
  return {
    format: 'scoresync-sf-emulator/1',
    orgId: org.orgId,
    apiUsed,
    ids: org.ids.snapshot(),
    customFields: org.schema.allCustomFields(),
    permissionSets: org.schema.permissionSetList().map((p) => ({ ...p, fieldPermissions: [...p.fieldPermissions] })),
    records,
  };
}

export function restoreOrg(org: Org, snapshot: OrgSnapshot): void {
  if (snapshot.format !== 'scoresync-sf-emulator/1') throw new Error(`not an emulator state file (format ${String(snapshot.format)})`);
  org.ids.restore(snapshot.ids);
  for (const entry of snapshot.customFields) org.schema.putCustomField(entry);
  for (const set of snapshot.permissionSets) org.schema.putPermissionSet({ ...set, fieldPermissions: new Map(set.fieldPermissions) });
  for (const [object, records] of Object.entries(snapshot.records)) {
    const table = org.store.table(object);
    table.clear();
    for (const record of records) table.set(String(record['Id']), record);
  }
  org.store.clearIndexes();
  org.schema.invalidate();
}

export function writeSnapshot(file: string, snapshot: OrgSnapshot): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshot));
  renameSync(temp, file);
}

export function readSnapshot(file: string): OrgSnapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as OrgSnapshot;
}
