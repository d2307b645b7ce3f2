/**
 * numpy's `nanpercentile(values, q)` with the default 'linear' method: NaN values are
 * dropped, the rest sorted, and the value at fractional rank q/100 * (n - 1) interpolated
 * between its neighbours. NaN when no value is left.
 *
 * Only the two order statistics around the rank are needed, so they are selected
 * (quickselect, expected linear time) instead of sorting every value; the result is the
 * same number, bit for bit, as with a full stable sort (see `orderStatistic`).
 */
export function nanPercentile(values: readonly number[], q: number): number {
  let hasNaN = false;
  for (let i = 0; i < values.length && !hasNaN; i++) hasNaN = Number.isNaN(values[i]);
  const xs = hasNaN ? values.filter((v) => !Number.isNaN(v)) : values;
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const rank = (q / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const t = rank - lo;
  const work = xs.slice();
  const a = orderStatistic(work, xs, lo);
  // After selecting lo, every value at a position above lo is >= a: the next order statistic
  // is the smallest of them.
  const b = hi === lo ? a : orderStatistic(work, xs, hi, lo + 1);
  // numpy's _lerp: interpolate from the nearer end so that t = 1 gives b exactly.
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The value at position k (0-based) of `original` sorted by `(a, b) => a - b` (a stable
 * sort), NaN-free. `work` is a copy of `original` that gets partially ordered: on return,
 * work[k] holds the value and positions after k hold no smaller ones. `from` is a position
 * at or below k before which work holds no value that belongs after position k - 1 (a
 * previous selection's bound).
 *
 * The only values a stable sort could tell apart from an equal value are -0 and 0 (the
 * comparator calls them equal, so they keep their input order): when the value selected is
 * a zero, its sign is taken from the zero the stable sort would put at position k.
 */
export function orderStatistic(
  work: number[],
  original: readonly number[],
  k: number,
  from = 0,
): number {
  const v = selectInPlace(work, k, from);
  if (v !== 0) return v;
  // A zero: the stable sort puts the zeros (-0 and 0 alike) in their input order after every
  // negative value, so position k holds the (k - negatives)-th zero of the input.
  let negatives = 0;
  for (const x of original) if (x < 0) negatives++;
  let index = k - negatives;
  for (const x of original) {
    if (x !== 0) continue;
    if (index === 0) return x;
    index--;
  }
  return v;
}

/**
 * Reorders the NaN-free `work` so that work[k] holds the value a sort would put there, no
 * value before it is larger and no value after it smaller, and returns that value (of -0
 * and 0, either). Positions before `from` (at or below k) must hold no value larger than
 * any value from `from` on. Quickselect with a median-of-three pivot: expected linear time.
 * `partitions` bounds the partitioning rounds before the rest is sorted (a test sets it).
 */
export function selectInPlace(
  work: number[],
  k: number,
  from = 0,
  partitions = 2 * Math.ceil(Math.log2(work.length - from + 2)) + 8,
): number {
  let left = from;
  let right = work.length - 1;
  // Past this many partitions the pivots are being unlucky: sort what is left instead, so
  // that no input takes more than O(n log n) (introselect's safeguard).
  let budget = partitions;
  while (right > left) {
    if (budget-- === 0) {
      const rest = work.slice(left, right + 1).sort((a, b) => a - b);
      for (let p = 0; p < rest.length; p++) work[left + p] = rest[p];
      break;
    }
    // Hoare-style partition, on a subrange holding position k, around the median of three
    // values spread over it (the quartiles and the middle: the ends make a poor sample when
    // a list is sorted but for its first or last value).
    const quarter = (right - left) >> 2;
    const mid = left + ((right - left) >> 1);
    const pivot = median3(work[left + quarter], work[mid], work[right - quarter]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (work[i] < pivot) i++;
      while (work[j] > pivot) j--;
      if (i <= j) {
        const tmp = work[i];
        work[i] = work[j];
        work[j] = tmp;
        i++;
        j--;
      }
    }
    // Now work[left..j] <= pivot, work[i..right] >= pivot and work[j+1..i-1] == pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return work[k];
}

function median3(a: number, b: number, c: number): number {
  if (a <= b === b <= c) return b;
  if (b <= a === a <= c) return a;
  return c;
}
