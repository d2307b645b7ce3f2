import { describe, expect, it, vi } from 'vitest';
import { loadLibsvm, preloadLibsvm, setLibsvmBuild, trainLibsvm } from './libsvm.js';

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [5, 5],
  [5, 6],
  [6, 5],
];
const y = [0, 0, 0, 1, 1, 1];
const params = {
  type: 'c_svc',
  kernel: 'rbf',
  C: 1,
  gamma: 0.5,
  degree: 3,
  coef0: 0,
  epsilon: 0.1,
  tol: 1e-3,
  shrinking: true,
  cacheSize: 100,
  quiet: true,
} as const;

describe('loading libsvm-js', () => {
  it('loads the default wasm build under vitest too (through require, not import())', async () => {
    await preloadLibsvm();
    // Proof that the wasm build is the one loaded: switching now is refused, naming it.
    expect(() => setLibsvmBuild('asm')).toThrow("libsvm's 'wasm' build is already loaded");
    expect(await loadLibsvm()).toBe(await loadLibsvm());
    const model = await trainLibsvm(X, y, params);
    expect(model.nClass).toBe(2);
  });

  it('the asm build trains the same model', async () => {
    const wasm = await trainLibsvm(X, y, params);
    vi.resetModules();
    const fresh = await import('./libsvm.js');
    fresh.setLibsvmBuild('asm');
    const asm = await fresh.trainLibsvm(X, y, params);
    expect(() => fresh.setLibsvmBuild('wasm')).toThrow("libsvm's 'asm' build is already loaded");
    expect(asm).toEqual(wasm);
  });

  it('rejects an unknown build', () => {
    expect(() => setLibsvmBuild('native' as 'asm')).toThrow(/build = "native"/);
  });
});
