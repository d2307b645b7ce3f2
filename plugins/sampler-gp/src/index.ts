export { CholeskyError } from './errors.js';
export { type ConstantLiar, GpSampler, type GpSamplerOptions } from './sampler.js';
