export { CholeskyError } from './errors.js';
export { GpSampler, type GpSamplerOptions } from './sampler.js';
export type { ConstantLiar } from './training-data.js';
