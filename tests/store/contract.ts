/**
 * The behaviour every StateStore must have, run against each back end (sqlite.test.ts, postgres.test.ts).
 * `open` opens a store on the current test database: calling it twice gives two independent connections to the
 * same data (used for lock contention). After each test every opened store is closed and `cleanup` runs, which
 * must leave the next `open` on a fresh, empty database.
 */
import type { StateStore } from '../../src/store/store.js';
import { bundleContract } from './contract-bundles.js';
import { historyContract } from './contract-history.js';
import { leadContract } from './contract-leads.js';
import { ledgerContract } from './contract-ledger.js';
import { lockContract } from './contract-locks.js';
import { outboxContract } from './contract-outbox.js';
import { deletionContract, recordContract } from './contract-records.js';
import { serviceContract } from './contract-service.js';
import { transactionContract } from './contract-transactions.js';
import { waitingContract } from './contract-waiting.js';

export interface ContractContext {
  open(): Promise<StateStore>;
}

export function describeStoreContract(name: string, open: () => Promise<StateStore>, cleanup?: () => Promise<void>): void {
  describe(`${name} state store contract`, () => {
    const opened: StateStore[] = [];
    const context: ContractContext = {
      async open() {
        const store = await open();
        opened.push(store);
        return store;
      },
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await cleanup?.();
    });

    describe('records', () => recordContract(context));
    describe('deletions', () => deletionContract(context));
    describe('bundles', () => bundleContract(context));
    describe('leads', () => leadContract(context));
    describe('scores and history', () => historyContract(context));
    describe('outbox', () => outboxContract(context));
    describe('waiting writes', () => waitingContract(context));
    describe('task ledger and runs', () => ledgerContract(context));
    describe('locks', () => lockContract(context));
    describe('transactions', () => transactionContract(context));
    describe('service', () => serviceContract(context));
  });
}
