/** Where the store reads the time for bookkeeping stamps (outbox created/updated); tests pass a fixed clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
