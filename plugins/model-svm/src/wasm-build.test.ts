import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The other tests use the asm build (vitest cannot import the wasm entry); this one checks the
// default wasm build end to end in a plain Node process.
it('trains and predicts with the default wasm build in Node', () => {
  const script = fileURLToPath(new URL('../fixtures/wasm-smoke.ts', import.meta.url));
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@tunekit/source', script],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual([0, 1]);
});
