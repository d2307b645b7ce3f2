// Everything of core and search-space, with createStudy/loadStudy replaced by the versions
// that default to TPE + Median (local exports take precedence over `export *`).
export * from '@tunekit/core';
export { MedianPruner, type MedianPrunerOptions } from '@tunekit/pruners';
export { TpeSampler, type TpeSamplerOptions } from '@tunekit/sampler-tpe';
export { createStudy, loadStudy } from './create-study.js';
