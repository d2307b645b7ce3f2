/** Which validation rule a search-space definition broke. */
export type SearchSpaceRule =
  | 'low-gt-high'
  | 'non-finite-bound'
  | 'log-nonpositive-low'
  | 'step-nonpositive'
  | 'step-with-log'
  | 'int-non-integer-bound'
  | 'int-non-integer-step'
  | 'empty-choices'
  | 'duplicate-choice'
  | 'invalid-choice'
  | 'invalid-json'
  | 'value-outside'
  | 'not-enumerable';

/**
 * Thrown for an invalid distribution, space or value. `param` names the parameter when it
 * is known (inside `space({...})` or `trial.suggest*`), `rule` says which rule was broken.
 */
export class SearchSpaceError extends Error {
  override readonly name = 'SearchSpaceError';
  readonly rule: SearchSpaceRule;
  readonly param: string | undefined;
  readonly value: unknown;

  constructor(
    rule: SearchSpaceRule,
    detail: string,
    options: { param?: string; value?: unknown } = {},
  ) {
    const where = options.param === undefined ? '' : `parameter "${options.param}": `;
    super(`${where}${detail} [${rule}]`);
    this.rule = rule;
    this.param = options.param;
    this.value = options.value;
  }

  /** The same error, now naming the parameter it belongs to. */
  withParam(param: string): SearchSpaceError {
    if (this.param !== undefined) return this;
    const detail = this.message.replace(/ \[[a-z-]+\]$/, '');
    return new SearchSpaceError(this.rule, detail, { param, value: this.value });
  }
}
