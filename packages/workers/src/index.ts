export {
  type OptimizeInWorkersOptions,
  type OptimizeInWorkersResult,
  optimizeInWorkers,
} from './optimize-in-workers.js';
