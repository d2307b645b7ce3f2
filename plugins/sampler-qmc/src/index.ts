export { firstPrimes, HaltonSequence } from './halton.js';
export { QMC_INDEX_ATTR, QmcSampler, type QmcSamplerOptions, type QmcType } from './qmc-sampler.js';
export {
  type QmcSequenceOptions,
  SOBOL_MAX_DIM,
  SobolSequence,
  sobolDirectionNumbers,
} from './sobol.js';
export { starDiscrepancy2d } from './star-discrepancy.js';
