import { InvalidArgumentError } from '@tunekit/core';
import { JournalStorage, type JournalStorageOptions } from './journal-storage.js';

/**
 * The path in a `journal:` URL: `journal:./study.jsonl` is relative to the working directory,
 * `journal:///abs/study.jsonl` and `journal:/abs/study.jsonl` are absolute.
 */
export function journalPathFromUrl(url: string): string {
  if (!url.startsWith('journal:')) {
    throw new InvalidArgumentError(
      'url',
      url,
      'a journal storage URL starts with "journal:", as in journal:./study.jsonl',
    );
  }
  let rest = url.slice('journal:'.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  if (rest === '')
    throw new InvalidArgumentError('url', url, 'names no file; write journal:./study.jsonl');
  return decodeURIComponent(rest);
}

/** `storageFromUrl` calls this for `journal:` URLs. */
export function createStorageFromUrl(url: string, options?: JournalStorageOptions): JournalStorage {
  return new JournalStorage(journalPathFromUrl(url), options);
}
