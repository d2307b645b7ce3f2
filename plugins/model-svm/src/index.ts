export type { Label } from '@tunekit/evaluators';
// The shared error classes of @tunekit/evaluators; ModelArgumentError is its EvaluatorError.
export { EvaluatorError as ModelArgumentError, NotFittedError } from '@tunekit/evaluators';
export { type Kernel, type LibsvmBuild, preloadLibsvm, setLibsvmBuild } from './libsvm.js';
export type { ResolvedSvmOptions, SvcOptions, SvmOptions, SvrOptions } from './options.js';
export { svcSpace, svrSpace } from './spaces.js';
export { Svc, Svr, svc, svr } from './svm.js';
