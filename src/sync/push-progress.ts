/**
 * Follows the items of one push page until the CRM has answered for their entries, then settles each item once:
 * done when everything was written; otherwise it keeps only what is left (retryable failures and what was never sent)
 * and any write that failed for good becomes a failed item with the CRM's message.
 */
import type { CrmErrorInfo, OutboxItem } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { type PushEntry, describeEntry, entriesOf, payloadOf } from './push-entries.js';

interface EntryFailure {
  entry: PushEntry;
  info: CrmErrorInfo;
}

interface ItemState {
  item: OutboxItem;
  entries: PushEntry[];
  answered: Set<PushEntry>;
  failures: EntryFailure[];
  taken: boolean;
}

/** What settling an item did: `done` items are marked done by the caller (in one statement per batch). */
export interface ItemSettlement {
  done: boolean;
  retryable: boolean;
  /** Records (or tasks) that failed for good, with the text reported for each. */
  permanentErrors: string[];
}

export class PageProgress {
  readonly entries: PushEntry[];
  private readonly states = new Map<number, ItemState>();

  constructor(page: readonly OutboxItem[]) {
    for (const item of page) this.states.set(item.id, { item, entries: entriesOf(item), answered: new Set(), failures: [], taken: false });
    this.entries = [...this.states.values()].flatMap((s) => s.entries);
  }

  answer(entry: PushEntry, failure: CrmErrorInfo | null): void {
    const state = this.states.get(entry.item.id);
    if (!state) return;
    state.answered.add(entry);
    if (failure) state.failures.push({ entry, info: failure });
  }

  /** Items whose every entry has an answer, each handed out once. */
  takeAnswered(): ItemState[] {
    return this.take((s) => s.answered.size === s.entries.length);
  }

  /** Items with some answers but not all (the run stopped mid-page), each handed out once. */
  takePartlyAnswered(): ItemState[] {
    return this.take((s) => s.answered.size > 0);
  }

  private take(ready: (s: ItemState) => boolean): ItemState[] {
    const out: ItemState[] = [];
    for (const state of this.states.values()) {
      if (state.taken || !ready(state)) continue;
      state.taken = true;
      out.push(state);
    }
    return out;
  }
}

function failureText(failure: EntryFailure): string {
  const { info } = failure;
  return `${describeEntry(failure.entry)}: ${info.code}: ${info.message}${info.field ? ` (field ${info.field})` : ''}`;
}

/**
 * Settles one item from its entries' answers. A failure is permanent when the CRM says so or the item has used its
 * last attempt; permanent failures leave the item as a failed item of their own, so retries never resend them.
 */
export async function settleItem(deps: EngineDeps, state: ItemState): Promise<ItemSettlement> {
  const { item } = state;
  const store = deps.store;
  const exhausted = item.attempts + 1 >= deps.settings.maxAttempts;
  const permanent = state.failures.filter((f) => f.info.class !== 'retryable' || exhausted);
  const retrying = state.failures.filter((f) => !permanent.includes(f));
  const unanswered = state.entries.filter((e) => !state.answered.has(e));
  const left = [...retrying.map((f) => f.entry), ...unanswered];
  const permanentErrors = permanent.map(failureText);
  const joined = (failures: EntryFailure[]): string => failures.map(failureText).join('; ');

  if (permanent.length > 0 && left.length === 0) {
    await store.markOutboxFailed(item.id, joined(permanent), true, payloadOf(item, permanent.map((f) => f.entry)));
    return { done: false, retryable: false, permanentErrors };
  }
  if (permanent.length > 0) {
    await store.addFailedOutbox(item.runId, item.connector, payloadOf(item, permanent.map((f) => f.entry)), joined(permanent), item.attempts + 1);
  }
  if (retrying.length > 0) {
    await store.markOutboxFailed(item.id, joined(retrying), false, payloadOf(item, left));
    return { done: false, retryable: true, permanentErrors };
  }
  if (left.length === 0) return { done: true, retryable: false, permanentErrors };
  // Nothing failed, but the run stopped before all of the item was sent: keep what is left (if anything was written).
  if (left.length < state.entries.length) await store.keepOutboxRemainder(item.id, payloadOf(item, left));
  return { done: false, retryable: false, permanentErrors };
}
