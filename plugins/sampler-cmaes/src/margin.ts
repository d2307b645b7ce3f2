import { InvalidArgumentError } from '@tunekit/core';
import { checkPositiveFinite } from './checks.js';
import { normalCdf, normalQuantile } from './normal.js';

/**
 * A discrete axis of the unit cube: which cell (the interval that rounds to one value) holds
 * a coordinate. The end cells reach to -Infinity / +Infinity (values beyond the box are
 * clipped into them).
 */
export interface DiscreteAxis {
  cell(v: number): { readonly lower: number; readonly upper: number };
}

/**
 * A discrete axis given by its sorted thresholds (the boundaries between consecutive values):
 * k values have k - 1 of them. Throws InvalidArgumentError unless they are at least one, finite
 * and strictly increasing; the binary search of `cell` needs them sorted, and a repeated one
 * would be a value with an empty cell.
 */
export function thresholdAxis(given: readonly number[]): DiscreteAxis {
  if (!Array.isArray(given) || given.length === 0) {
    throw new InvalidArgumentError(
      'thresholds',
      given,
      'must be a non-empty array (an axis of k >= 2 values has k - 1 boundaries)',
    );
  }
  given.forEach((t: unknown, i) => {
    if (!(typeof t === 'number' && Number.isFinite(t))) {
      throw new InvalidArgumentError(`thresholds[${i}]`, t, 'must be a finite number');
    }
    if (i > 0 && !(t > given[i - 1])) {
      throw new InvalidArgumentError(
        `thresholds[${i}]`,
        t,
        `must be greater than thresholds[${i - 1}] (${given[i - 1]}): the boundaries are sorted and distinct`,
      );
    }
  });
  // A copy, so that the caller changing its array later cannot unsort the axis.
  const thresholds = [...given];
  return {
    cell(v) {
      let lo = 0;
      let hi = thresholds.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (thresholds[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      return {
        lower: lo === 0 ? Number.NEGATIVE_INFINITY : thresholds[lo - 1],
        upper: lo === thresholds.length ? Number.POSITIVE_INFINITY : thresholds[lo],
      };
    },
  };
}

/**
 * The margin correction of CMA-ES with Margin (R. Hamano, S. Saito, M. Nomura, S. Shirakawa,
 * "CMA-ES with Margin: Lower-Bounding Marginal Probability for Mixed-Integer Black-Box
 * Optimization", GECCO 2022), applied after each update, in place on `mean` and `A`.
 *
 * On a discrete axis the sample x_j ~ N(m_j, s_j^2), s_j = sigma A_j sqrt(C_jj), is rounded to
 * the value whose cell [l, u) contains it. Without a lower bound on the probability of
 * leaving the mean's cell, sigma shrinks until the axis is frozen. The correction keeps that
 * probability >= alpha:
 * - in an end cell (one neighbouring threshold t), if P(cross t) < alpha, the mean moves
 *   towards t until P(cross t) = alpha, i.e. |m - t| = s z_{1-alpha};
 * - in an inner cell, each tail P(x < l), P(x >= u) is raised to at least alpha/2 (the excess
 *   taken from all three parts in proportion to what they hold above alpha/2), then m and A
 *   are solved from the two tail equations: (m - l) / s = z(1 - p_l), (u - m) / s = z(1 - p_u).
 */
export function applyMargin(
  mean: number[],
  A: number[],
  sigma: number,
  covDiagonal: readonly number[],
  axes: readonly (DiscreteAxis | null)[],
  alpha: number,
): void {
  for (let j = 0; j < mean.length; j++) {
    const axis = axes[j];
    if (axis === null) continue;
    const sd = sigma * Math.sqrt(covDiagonal[j]);
    const s = sd * A[j];
    const m = mean[j];
    const { lower: l, upper: u } = axis.cell(m);
    const lowEnd = l === Number.NEGATIVE_INFINITY;
    const highEnd = u === Number.POSITIVE_INFINITY;
    if (lowEnd && highEnd) continue;
    if (lowEnd || highEnd) {
      const edge = lowEnd ? u : l;
      const cross = normalCdf(-Math.abs(edge - m) / s);
      if (cross < alpha) mean[j] = edge + (lowEnd ? -1 : 1) * s * normalQuantile(1 - alpha);
      continue;
    }
    const pl0 = normalCdf((l - m) / s);
    const pu0 = 1 - normalCdf((u - m) / s);
    const mid = 1 - pl0 - pu0;
    const half = alpha / 2;
    let pl = Math.max(pl0, half);
    let pu = Math.max(pu0, half);
    const excess = pl + pu + mid - 1;
    const room = pl + pu + mid - 3 * half;
    if (excess > 0 && room > 0) {
      pl -= (excess * (pl - half)) / room;
      pu -= (excess * (pu - half)) / room;
    }
    pl = Math.min(Math.max(pl, 1e-10), 0.5 - 1e-10);
    pu = Math.min(Math.max(pu, 1e-10), 0.5 - 1e-10);
    const ql = normalQuantile(1 - pl);
    const qu = normalQuantile(1 - pu);
    mean[j] = (l * qu + u * ql) / (ql + qu);
    A[j] = (u - l) / (ql + qu) / Math.max(sd, 1e-300);
  }
}

/**
 * P(the margin-scaled sample x ~ N(m, s^2) leaves the cell of the mean) on one discrete axis.
 * Throws InvalidArgumentError unless m is finite and the standard deviation s finite and > 0:
 * a negative s flipped the signs and gave probabilities above 1.
 */
export function leaveProbability(axis: DiscreteAxis, m: number, s: number): number {
  if (typeof axis !== 'object' || axis === null || typeof axis.cell !== 'function') {
    throw new InvalidArgumentError('axis', axis, 'must be a DiscreteAxis (an object with cell(v))');
  }
  if (!(typeof m === 'number' && Number.isFinite(m))) {
    throw new InvalidArgumentError('m', m, 'must be a finite number (the mean)');
  }
  checkPositiveFinite('s', s);
  const { lower, upper } = axis.cell(m);
  return normalCdf((lower - m) / s) + 1 - normalCdf((upper - m) / s);
}
