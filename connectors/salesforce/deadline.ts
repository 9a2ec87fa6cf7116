/**
 * jsforce 3.10.16 never settles a request whose response is cut off after the headers (node-fetch 2 does not notice
 * the closed socket; jsforce's own timeout covers only the wait for headers; see docs/dev-notes.md). Every write the
 * connector makes therefore runs under its own deadline. A write that missed its deadline may still have been
 * applied, so it is reported retryable: sending the same values again is harmless.
 */
import { SalesforceConnectorError } from './errors.js';

/** Default deadline for one REST write (a 200-record collection call normally answers in well under 10 s). */
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

export function withDeadline<T>(work: PromiseLike<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new SalesforceConnectorError(`${what}: no answer from Salesforce within ${Math.round(ms / 1000)} s (it may have been applied; it is sent again later)`, 'retryable', 'TIMEOUT'));
    }, ms);
    // A hung request must not keep the process alive once the run is over.
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
