export { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
export { createStorageFromUrl, sqlitePathFromUrl } from './url.js';
