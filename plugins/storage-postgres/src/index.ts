export { PostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export { createStorageFromUrl } from './url.js';
