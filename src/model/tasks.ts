/** A next-best-action task a playbook wants created in the CRM. */
export type TaskPriority = 'High' | 'Normal' | 'Low';

export interface TaskDraft {
  /** Deterministic idempotency key: (playbook rule, account, window). The same key is never created twice. */
  key: string;
  rule: string;
  accountId: string;
  contactId: string | null;
  /**
   * The lead the task is about, when it is about a lead (then `contactId` is null). A CRM connector sets the lead as
   * the person (Salesforce WhoId) and leaves the account out (Salesforce rejects a WhatId beside a Lead WhoId).
   * `accountId` is the lead's matched account, or '' for an unmatched lead.
   */
  leadId?: string | null;
  ownerId: string | null;
  subject: string;
  body: string;
  /** YYYY-MM-DD */
  dueDate: string;
  priority: TaskPriority;
}
