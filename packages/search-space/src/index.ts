export {
  type CategoricalChoice,
  type CategoricalDistribution,
  type Distribution,
  type FloatDistribution,
  type IntDistribution,
  type NumericOptions,
  type ValueOf,
  adjustHighToStep,
  assertContains,
  categorical,
  choiceIndex,
  contains,
  describe,
  distributionsEqual,
  float,
  int,
  isSingle,
  makeCategorical,
  makeFloat,
  makeInt,
} from './distributions.js';
export { SearchSpaceError, type SearchSpaceRule } from './errors.js';
export { enumerateGrid, type Grid, gridFromValues, gridOf, gridValues } from './grid.js';
export { type DistributionJSON, distributionFromJSON, spaceFromJSON, spaceToJSON, toJSON } from './json.js';
export { distributionsOf, isSpace, type Params, type Space, space, validateDistribution } from './space.js';
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
