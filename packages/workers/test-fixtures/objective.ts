// Objective module for optimize-in-workers.test.ts: CPU-bound, records the thread it ran on.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Trial } from '@tunekit/core';
import { RandomSampler } from '@tunekit/sampler-random';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
let metOthers = false;

/**
 * A thread's first trial waits until `TUNEKIT_TEST_BARRIER_THREADS` threads have each started
 * one: otherwise, on a loaded machine, the first thread to load can finish every trial before
 * the second one has imported its modules, and the test would not see the work shared.
 */
function barrier(): void {
  const dir = process.env.TUNEKIT_TEST_BARRIER_DIR;
  const wanted = Number(process.env.TUNEKIT_TEST_BARRIER_THREADS ?? 0);
  if (metOthers || dir === undefined || wanted < 2) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `thread-${threadId}`), '');
  const deadline = Date.now() + 30_000;
  while (readdirSync(dir).length < wanted && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 10);
  metOthers = true;
}

export function objective(trial: Trial): number {
  barrier();
  const x = trial.suggestFloat('x', -5, 5);
  let busy = 0;
  for (let i = 0; i < 300_000; i++) busy += Math.sin(i * x);
  trial.setUserAttr('thread', threadId);
  trial.setUserAttr('busy', busy);
  return x * x;
}

export function makeSampler(workerIndex: number): RandomSampler {
  return new RandomSampler({ seed: 100 + workerIndex });
}
