// Objective module for optimize-in-workers.test.ts: CPU-bound, records the thread it ran on.
import { threadId } from 'node:worker_threads';
import type { Trial } from '@tunekit/core';
import { RandomSampler } from '@tunekit/sampler-random';

export function objective(trial: Trial): number {
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
