// Worker-thread entry when @tunekit/workers runs from its TypeScript sources (this monorepo,
// under tsx): Node 20 does not run `--import tsx` in worker threads, so load the real entry
// through tsx's API. The published package runs worker-entry.js directly.
import { tsImport } from 'tsx/esm/api';

const { default: runWorker } = await tsImport('./worker-entry.ts', import.meta.url);
export default runWorker;
