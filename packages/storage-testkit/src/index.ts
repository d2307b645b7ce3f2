export {
  type CaseContext,
  type CaseTools,
  runStorageConformance,
  type StorageConformanceOptions,
} from './conformance.js';
export { PARAM_CASES, TRICKY_JSON, TRICKY_STRINGS, uniqueStudyName } from './fixtures.js';
export { type MultiProcessOptions, runMultiProcessConformance } from './multi-process.js';
