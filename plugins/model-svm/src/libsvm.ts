import { EvaluatorError } from '@tunekit/evaluators';
import { parseModel, type SvmModel } from './model.js';

/** The part of libsvm-js 0.2.1 used here. */
interface LibsvmInstance {
  train(samples: number[][], labels: number[]): void;
  serializeModel(): string;
  free(): void;
}
interface LibsvmClass {
  new (options: Record<string, unknown>): LibsvmInstance;
  SVM_TYPES: { C_SVC: string; EPSILON_SVR: string };
  KERNEL_TYPES: { LINEAR: string; POLYNOMIAL: string; RBF: string; SIGMOID: string };
}

/** Which emscripten build of libsvm to run. */
export type LibsvmBuild = 'wasm' | 'asm';

let build: LibsvmBuild = 'wasm';
let loading: Promise<LibsvmClass> | undefined;

/**
 * Chooses the libsvm build before its first use (default 'wasm', about twice as fast). 'asm'
 * is plain JavaScript, for runtimes without WebAssembly. Throws once another build has been
 * loaded.
 */
export function setLibsvmBuild(next: LibsvmBuild): void {
  if (next !== 'wasm' && next !== 'asm')
    throw new EvaluatorError('build', next, "must be 'wasm' or 'asm'");
  if (loading && next !== build)
    throw new EvaluatorError('build', next, `libsvm's '${build}' build is already loaded`);
  build = next;
}

type Require = (id: string) => unknown;

/** Node's `require`, reached without a `node:` import, since this package also runs in browsers. */
function nodeRequire(): Require | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('module') as
    | { createRequire?: (url: string) => Require }
    | undefined;
  return mod?.createRequire?.(import.meta.url);
}

/**
 * Both libsvm-js entries are CommonJS, and the wasm one exports a promise of the class. Node's
 * `require` hands that promise over as it is. `import()` goes through the host's CommonJS
 * interop instead, and some hosts (vitest) forward the promise's `then` onto the module
 * namespace, which then never resolves; so `import()` is only the route where there is no
 * `require` (browsers and bundlers, which resolve these specifiers themselves).
 */
async function loadBuild(which: LibsvmBuild): Promise<LibsvmClass> {
  const require = nodeRequire();
  if (which === 'asm') {
    if (require) return require('libsvm-js/asm.js') as LibsvmClass;
    return (await import('libsvm-js/asm.js')).default as LibsvmClass;
  }
  if (require) return (await require('libsvm-js')) as LibsvmClass;
  return (await (
    await import('libsvm-js')
  ).default) as LibsvmClass;
}

/**
 * The libsvm-js SVM class, loaded once per process (asynchronously; later calls share the
 * promise). In Node 20 emscripten cannot stream-compile the wasm from a file path, so it prints
 * one "falling back to ArrayBuffer instantiation" line the first time and loads it that way.
 */
export function loadLibsvm(): Promise<LibsvmClass> {
  loading ??= loadBuild(build);
  return loading;
}

export type Kernel = 'linear' | 'poly' | 'rbf' | 'sigmoid';

export interface TrainParams {
  readonly type: 'c_svc' | 'epsilon_svr';
  readonly kernel: Kernel;
  readonly C: number;
  readonly gamma: number;
  readonly degree: number;
  readonly coef0: number;
  readonly epsilon: number;
  readonly tol: number;
  readonly shrinking: boolean;
  readonly cacheSize: number;
  readonly quiet: boolean;
}

/**
 * Trains with libsvm, serialises the model and frees the wasm memory before returning, so no
 * wasm allocation outlives the call; prediction then runs on the parsed model in JavaScript.
 */
export async function trainLibsvm(X: number[][], y: number[], p: TrainParams): Promise<SvmModel> {
  const SVM = await loadLibsvm();
  const kernels = {
    linear: SVM.KERNEL_TYPES.LINEAR,
    poly: SVM.KERNEL_TYPES.POLYNOMIAL,
    rbf: SVM.KERNEL_TYPES.RBF,
    sigmoid: SVM.KERNEL_TYPES.SIGMOID,
  };
  const svm = new SVM({
    type: p.type === 'c_svc' ? SVM.SVM_TYPES.C_SVC : SVM.SVM_TYPES.EPSILON_SVR,
    kernel: kernels[p.kernel],
    gamma: p.gamma,
    degree: p.degree,
    coef0: p.coef0,
    cost: p.C,
    epsilon: p.epsilon,
    tolerance: p.tol,
    shrinking: p.shrinking,
    cacheSize: p.cacheSize,
    probabilityEstimates: false,
    quiet: p.quiet,
  });
  try {
    svm.train(X, y);
    return parseModel(svm.serializeModel(), X[0].length, p);
  } finally {
    svm.free();
  }
}

/** Loads (and compiles) libsvm now rather than in the first `fit`, e.g. before timing trials. */
export async function preloadLibsvm(): Promise<void> {
  await loadLibsvm();
}
