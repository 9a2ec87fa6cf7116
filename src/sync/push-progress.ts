/**
 * Follows the items of one push page until the CRM has answered for their entries, then settles each item once:
 * done when everything was written; otherwise it keeps only what is left (retryable failures and what was never sent)
 * and any write that failed for good becomes a failed item with the CRM's message. Between batches, an item partly
 * written so far keeps only its unwritten part, so a kill re-sends at most the one batch whose answer was not recorded.
 */
import type { CrmErrorInfo, OutboxItem, OutboxPayload } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import { type PushEntry, describeEntry, entriesOf, payloadOf } from './push-entries.js';
import { retryAt } from './retry-schedule.js';

interface EntryFailure {
  entry: PushEntry;
  info: CrmErrorInfo;
}

interface ItemState {
  item: OutboxItem;
  entries: PushEntry[];
  answered: Set<PushEntry>;
  failures: EntryFailure[];
  /** Entries written so far, and how many of them the store already knows about. */
  written: number;
  recorded: number;
  taken: boolean;
}

/** What settling an item did: `done` items are marked done by the caller (in one statement per batch). */
export interface ItemSettlement {
  done: boolean;
  /** Failed with a retryable error and stays pending (put off until a later try): the first error's code, and every error. */
  retrying: { code: string; text: string } | null;
  /** Records (or tasks) that failed for good, with the text reported for each. */
  permanentErrors: string[];
}

/** Who settles: the run that tries the writes (it becomes the run of what fails), at which instant. */
export interface SettleContext {
  deps: Pick<EngineDeps, 'store' | 'settings'>;
  runId: string | null;
  now: Date;
}

export class PageProgress {
  readonly entries: PushEntry[];
  private readonly states = new Map<number, ItemState>();

  constructor(page: readonly OutboxItem[]) {
    for (const item of page) {
      this.states.set(item.id, { item, entries: entriesOf(item), answered: new Set(), failures: [], written: 0, recorded: 0, taken: false });
    }
    this.entries = [...this.states.values()].flatMap((s) => s.entries);
  }

  /** Items with nothing left to write (an emptied payload): done without a call. */
  emptyItems(): number[] {
    return [...this.states.values()].filter((s) => s.entries.length === 0).map((s) => s.item.id);
  }

  answer(entry: PushEntry, failure: CrmErrorInfo | null): void {
    const state = this.states.get(entry.item.id);
    if (!state) return;
    state.answered.add(entry);
    if (failure) state.failures.push({ entry, info: failure });
    else state.written++;
  }

  /** Items whose every entry has an answer, each handed out once. */
  takeAnswered(): ItemState[] {
    return this.take((s) => s.entries.length > 0 && s.answered.size === s.entries.length);
  }

  /** Items with some answers but not all (the run stopped mid-page), each handed out once. */
  takePartlyAnswered(): ItemState[] {
    return this.take((s) => s.answered.size > 0);
  }

  /**
   * Items not settled yet with writes the store does not know about: each keeps only what is not written yet, so a
   * kill after this batch does not send those writes again.
   */
  takeWrittenParts(): { id: number; payload: OutboxPayload }[] {
    const parts: { id: number; payload: OutboxPayload }[] = [];
    for (const state of this.states.values()) {
      if (state.taken || state.written === state.recorded) continue;
      state.recorded = state.written;
      const failed = new Set(state.failures.map((f) => f.entry));
      parts.push({ id: state.item.id, payload: payloadOf(state.item, state.entries.filter((e) => !state.answered.has(e) || failed.has(e))) });
    }
    return parts;
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
 * Settles one item from its entries' answers. A failure is permanent when the CRM says so, or when a retryable one has
 * kept failing for `sync.retryForHours`; permanent failures leave the item as a failed item of their own, so retries
 * never resend them, and wait there for a replay. A retryable failure stays pending, put off by the retry schedule.
 */
export async function settleItem(ctx: SettleContext, state: ItemState): Promise<ItemSettlement> {
  const { item } = state;
  const { store, settings } = ctx.deps;
  const at = ctx.now.toISOString();
  const runId = ctx.runId ?? item.runId;
  const firstFailed = item.firstFailedAt === null ? ctx.now.getTime() : Date.parse(item.firstFailedAt);
  const givenUp = ctx.now.getTime() - firstFailed >= settings.retryForHours * 3_600_000;
  const permanent = state.failures.filter((f) => f.info.class !== 'retryable' || givenUp);
  const retrying = state.failures.filter((f) => !permanent.includes(f));
  const unanswered = state.entries.filter((e) => !state.answered.has(e));
  const left = [...retrying.map((f) => f.entry), ...unanswered];
  const gaveUp = (f: EntryFailure): string => (f.info.class === 'retryable' ? ` (still failing after ${settings.retryForHours} h of retries)` : '');
  const permanentErrors = permanent.map((f) => failureText(f) + gaveUp(f));
  const joined = (texts: string[]): string => texts.join('; ');

  if (permanent.length > 0 && left.length === 0) {
    await store.markOutboxFailed(item.id, joined(permanentErrors), true, payloadOf(item, permanent.map((f) => f.entry)), { runId, failedAt: at });
    return { done: false, retrying: null, permanentErrors };
  }
  if (permanent.length > 0) {
    await store.addFailedOutbox(runId, item.connector, payloadOf(item, permanent.map((f) => f.entry)), joined(permanentErrors), item.attempts + 1);
  }
  if (retrying.length > 0) {
    const text = joined(retrying.map(failureText));
    await store.markOutboxFailed(item.id, text, false, payloadOf(item, left), { runId, failedAt: at, retryAt: retryAt(ctx.now, item.firstFailedAt) });
    return { done: false, retrying: { code: retrying[0]?.info.code ?? 'UNKNOWN', text }, permanentErrors };
  }
  if (left.length === 0) return { done: true, retrying: null, permanentErrors };
  // Nothing failed, but the run stopped before all of the item was sent: keep what is left (if anything was written).
  if (left.length < state.entries.length) await store.keepOutboxRemainder(item.id, payloadOf(item, left));
  return { done: false, retrying: null, permanentErrors };
}
