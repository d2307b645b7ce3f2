import { InvalidArgumentError } from './errors.js';

/**
 * Refuses a parameter name that is an `Object.prototype` member. A trial's params are plain
 * records: such a name would read an inherited member (or, for "__proto__", set the
 * prototype), and the storages would each refuse or drop it at a different point.
 * `param` names the argument in the error (`name` when suggested, `params.x` when given).
 */
export function checkParamName(param: string, name: string): void {
  if (name in Object.prototype) {
    throw new InvalidArgumentError(
      param,
      name,
      'must not be the name of an Object.prototype member ("constructor", "toString", "__proto__", ...)',
    );
  }
}
