export type { JournalLockOptions } from './file-lock.js';
export { JournalStorage, type JournalStorageOptions, type ParamEntry } from './journal-storage.js';
export { createStorageFromUrl, journalPathFromUrl } from './url.js';
