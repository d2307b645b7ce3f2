import * as searchSpace from '@tunekit/search-space';
import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface of @tunekit/core', () => {
  const own = Object.keys(api)
    .filter((k) => !(k in searchSpace))
    .sort();
  expect(own).toEqual([
    'DuplicatedStudyError',
    'InMemoryStorage',
    'IndependentDelegate',
    'InvalidArgumentError',
    'NotFoundError',
    'StorageError',
    'Study',
    'StudyNotFoundError',
    'TRIAL_PRUNED_BRAND',
    'Trial',
    'TrialNotFoundError',
    'TrialPruned',
    'TrialStateError',
    'TunekitError',
    'checkFinishedState',
    'checkOptionNames',
    'checkParamDistribution',
    'countFinishedBefore',
    'createRng',
    'createStudy',
    'deleteStudy',
    'hashString',
    'isFinishedState',
    'isParamValue',
    'isTrialPruned',
    'lastIntermediateValue',
    'lastStep',
    'loadStudy',
    'makeFrozenTrial',
    'makeStudyView',
    'paretoFront',
    'registerStorageScheme',
    'retriedTrialNumber',
    'retryFailedTrialCallback',
    'retryHistory',
    'sampleUniform',
    'staleTrialFailReason',
    'stateTransitionAllowed',
    'storageFromUrl',
  ]);
});

it('re-exports all of @tunekit/search-space', () => {
  for (const k of Object.keys(searchSpace)) expect(api).toHaveProperty(k);
});
