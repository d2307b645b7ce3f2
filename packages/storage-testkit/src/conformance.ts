import type { Storage } from '@tunekit/core';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { registerConcurrencyCases } from './cases-concurrency.js';
import { registerHeartbeatCases } from './cases-heartbeat.js';
import { registerOptionalCases } from './cases-optional.js';
import { registerReopenCases } from './cases-reopen.js';
import { registerStudyCases } from './cases-study.js';
import { registerTrialCases } from './cases-trial.js';

export interface StorageConformanceOptions {
  /**
   * Opens a second, independent instance over the same data as `storage`, as another
   * process would. Enables the reopen and cross-instance race tests.
   */
  readonly reopen?: (storage: Storage) => Promise<Storage>;
  /** How many concurrent callers the race tests start (default 16). */
  readonly concurrency?: number;
  /** Test titles to register as skipped, each with the reason (printed in the title). */
  readonly skip?: Readonly<Record<string, string>>;
  /** Per-test timeout in milliseconds (default 15 000). */
  readonly timeoutMs?: number;
}

/** What a case receives from the test runner. */
export interface CaseTools {
  /** Ends the running test as skipped, with the reason (for an optional member the storage lacks). */
  skip(note: string): never;
}

/** What each group of cases gets: the storage of the running test and a way to register a test. */
export interface CaseContext {
  /** The storage made for the running test. */
  storage(): Storage;
  /** Opens another instance over the same data, closed after the test. Undefined without `reopen`. */
  readonly reopen: (() => Promise<Storage>) | undefined;
  readonly concurrency: number;
  test(title: string, fn: (tools: CaseTools) => Promise<void>): void;
}

/**
 * Registers the storage conformance suite (vitest `describe`/`it` blocks) for one storage.
 * `makeStorage` is called before every test; tests use unique study names, so it may
 * return a storage over shared, non-empty data. `close()` is called after every test.
 */
export function runStorageConformance(
  name: string,
  makeStorage: () => Promise<Storage>,
  options: StorageConformanceOptions = {},
): void {
  const skip = options.skip ?? {};
  const timeout = options.timeoutMs ?? 15_000;
  let current: Storage | undefined;
  let extra: Storage[] = [];

  const ctx: CaseContext = {
    storage() {
      if (current === undefined) throw new Error('storage used outside a test');
      return current;
    },
    reopen:
      options.reopen === undefined
        ? undefined
        : async () => {
            const reopened = await options.reopen!(ctx.storage());
            extra.push(reopened);
            return reopened;
          },
    concurrency: options.concurrency ?? 16,
    test(title, fn) {
      const reason = skip[title];
      const run = (context: { skip(note?: string): void }) =>
        fn({
          skip(note) {
            context.skip(note);
            // vitest's skip ends the test by throwing; this line only satisfies `never`.
            throw new Error(`skipped: ${note}`);
          },
        });
      if (reason !== undefined) it.skip(`${title} (skipped: ${reason})`, run);
      else it(title, run, timeout);
    },
  };

  describe(`storage conformance: ${name}`, () => {
    beforeEach(async () => {
      current = await makeStorage();
    });
    afterEach(async () => {
      for (const s of extra) await s.close?.();
      extra = [];
      await current?.close?.();
      current = undefined;
    });
    describe('studies', () => registerStudyCases(ctx));
    describe('trials', () => registerTrialCases(ctx));
    describe('concurrency', () => registerConcurrencyCases(ctx));
    describe('heartbeats', () => registerHeartbeatCases(ctx));
    if (ctx.reopen !== undefined) describe('reopen', () => registerReopenCases(ctx));
    describe('optional members', () => registerOptionalCases(ctx));
  });
}
