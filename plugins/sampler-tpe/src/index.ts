export {
  defaultGamma,
  defaultWeights,
  type GammaFunction,
  hyperoptGamma,
  uniformWeights,
  type WeightsFunction,
} from './gamma-weights.js';
export { TpeSampler, type TpeSamplerOptions } from './tpe-sampler.js';
