export { RandomSampler, type RandomSamplerOptions } from './random-sampler.js';
