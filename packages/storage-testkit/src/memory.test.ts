import { InMemoryStorage } from '@tunekit/core';
import { runStorageConformance } from './conformance.js';

// The reference storage must pass its own suite; no reopen: a second InMemoryStorage shares nothing.
runStorageConformance('memory', async () => new InMemoryStorage());
