export type { JournalLockOptions } from './file-lock.js';
export { JournalStorage, type JournalStorageOptions } from './journal-storage.js';
export { createStorageFromUrl, journalPathFromUrl } from './url.js';
