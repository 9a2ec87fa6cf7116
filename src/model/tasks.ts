/** A next-best-action task a playbook wants created in the CRM. */
export type TaskPriority = 'High' | 'Normal' | 'Low';

export interface TaskDraft {
  /** Deterministic idempotency key: (playbook rule, account, window). The same key is never created twice. */
  key: string;
  rule: string;
  accountId: string;
  contactId: string | null;
  ownerId: string | null;
  subject: string;
  body: string;
  /** YYYY-MM-DD */
  dueDate: string;
  priority: TaskPriority;
}
