export type { Label } from './data.js';
export { ModelArgumentError, NotFittedError } from './errors.js';
export { type Kernel, type LibsvmBuild, preloadLibsvm, setLibsvmBuild } from './libsvm.js';
export type { ResolvedSvmOptions, SvcOptions, SvmOptions, SvrOptions } from './options.js';
export { svcSpace, svrSpace } from './spaces.js';
export { Svc, Svr, svc, svr } from './svm.js';
