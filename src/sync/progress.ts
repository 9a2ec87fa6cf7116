/** How the engine reports progress; the CLI draws bars on a TTY and logs otherwise. */
export interface ProgressReporter {
  start(phase: string, total: number | null): void;
  tick(count?: number): void;
  finish(): void;
}

export const silentProgress: ProgressReporter = {
  start: () => undefined,
  tick: () => undefined,
  finish: () => undefined,
};
