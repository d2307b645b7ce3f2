import { InvalidArgumentError } from './errors.js';

/**
 * Refuses an options object that holds a name `known` does not list, naming it. TypeScript
 * catches a misspelt option only in an object literal; from JavaScript, a spread or a parsed
 * config, the option would be ignored without a word and its default used. An Optuna user
 * types Optuna's spelling (`n_startup_trials`), so a snake_case name whose camelCase is an
 * option gets that hint. `owner` names the class or function in the message; null, undefined
 * and values that are not objects are left to the caller's own checks.
 */
export function checkOptionNames(options: unknown, known: readonly string[], owner: string): void {
  if (options === null || typeof options !== 'object') return;
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== name && known.includes(camel) ? ` (did you mean ${camel}?)` : '';
    throw new InvalidArgumentError(
      name,
      (options as Record<string, unknown>)[name],
      `is not an option of ${owner}${hint}; its options are ${known.join(', ')}`,
    );
  }
}
