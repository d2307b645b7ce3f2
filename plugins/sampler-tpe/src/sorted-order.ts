/**
 * The indices of `values` in ascending order, equal values by index. A hand-written quicksort
 * that moves a copy of the values together with the indices, so comparisons read contiguous
 * memory: TypedArray#sort plus index recovery, or a comparator sort on indices, cost several
 * times more at the ~1000 kernels of a late study, and this runs for every param of every trial.
 */
export function sortedOrder(values: Float64Array): Uint32Array {
  const k = values.length;
  const keys = values.slice();
  const order = new Uint32Array(k);
  for (let i = 0; i < k; i++) order[i] = i;
  quicksort(keys, order, 0, k - 1);
  return order;
}

function less(keys: Float64Array, order: Uint32Array, a: number, b: number): boolean {
  return keys[a] < keys[b] || (keys[a] === keys[b] && order[a] < order[b]);
}

function swap(keys: Float64Array, order: Uint32Array, a: number, b: number): void {
  const k = keys[a];
  keys[a] = keys[b];
  keys[b] = k;
  const o = order[a];
  order[a] = order[b];
  order[b] = o;
}

function quicksort(keys: Float64Array, order: Uint32Array, left: number, right: number): void {
  while (right - left > 16) {
    // Median of three to position mid, then Hoare partition around that (key, index) pair.
    const mid = (left + right) >> 1;
    if (less(keys, order, mid, left)) swap(keys, order, mid, left);
    if (less(keys, order, right, left)) swap(keys, order, right, left);
    if (less(keys, order, right, mid)) swap(keys, order, right, mid);
    const pk = keys[mid];
    const po = order[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (keys[i] < pk || (keys[i] === pk && order[i] < po)) i++;
      while (pk < keys[j] || (pk === keys[j] && po < order[j])) j--;
      if (i <= j) {
        swap(keys, order, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (j - left < right - i) {
      quicksort(keys, order, left, j);
      left = i;
    } else {
      quicksort(keys, order, i, right);
      right = j;
    }
  }
  for (let i = left + 1; i <= right; i++) {
    const k = keys[i];
    const o = order[i];
    let j = i - 1;
    while (j >= left && (keys[j] > k || (keys[j] === k && order[j] > o))) {
      keys[j + 1] = keys[j];
      order[j + 1] = order[j];
      j--;
    }
    keys[j + 1] = k;
    order[j + 1] = o;
  }
}
