export {
  adjustHighToStep,
  assertContains,
  type CategoricalChoice,
  type CategoricalDistribution,
  categorical,
  choiceIndex,
  contains,
  type Distribution,
  describe,
  distributionsEqual,
  type FloatDistribution,
  float,
  type IntDistribution,
  int,
  isSingle,
  makeCategorical,
  makeFloat,
  makeInt,
  type NumericOptions,
  type ValueOf,
} from './distributions.js';
export { SearchSpaceError, type SearchSpaceRule } from './errors.js';
export {
  enumerateGrid,
  type Grid,
  gridFromValues,
  gridOf,
  gridValue,
  gridValues,
} from './grid.js';
export {
  type DistributionJSON,
  distributionFromJSON,
  spaceFromJSON,
  spaceToJSON,
  toJSON,
} from './json.js';
export {
  distributionsOf,
  isSpace,
  type Params,
  type Space,
  space,
  validateDistribution,
} from './space.js';
export {
  decode,
  encode,
  fromInternal,
  fromUnit,
  type NumericAxis,
  numericAxis,
  roundToDistribution,
  toInternal,
  toUnit,
} from './unit-cube.js';
