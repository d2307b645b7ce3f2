export {
  GRID_ID_ATTR,
  GRID_KEY_ATTR,
  GridSampler,
  type GridSamplerOptions,
  type GridSearchSpace,
} from './grid-sampler.js';
