export type { Label } from './data.js';
export { ModelArgumentError, NotFittedError } from './errors.js';
export { GaussianNB, type GaussianNBOptions, gaussianNB } from './gaussian-nb.js';
export { MultinomialNB, type MultinomialNBOptions, multinomialNB } from './multinomial-nb.js';
export { gaussianNBSpace, multinomialNBSpace } from './spaces.js';
