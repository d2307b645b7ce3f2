/**
 * numpy's default `argsort` (introsort: median-of-three quicksort, insertion sort up to 16
 * elements, heapsort past the depth limit), reproduced because scikit-learn's GroupKFold
 * breaks ties between equally large groups by this unstable order. Only the order of equal
 * values depends on it; checked against numpy 1.24 in numpy-argsort.test.ts.
 */
export function numpyArgsort(v: ArrayLike<number>): number[] {
  const num = v.length;
  const idx = Array.from({ length: num }, (_, i) => i);
  if (num < 2) return idx;
  const SMALL = 15;
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = 2 * Math.floor(Math.log2(num));
  const swap = (a: number, b: number): void => {
    const t = idx[a];
    idx[a] = idx[b];
    idx[b] = t;
  };
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, idx, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[idx[pm]] < v[idx[pl]]) swap(pm, pl);
        if (v[idx[pr]] < v[idx[pm]]) swap(pr, pm);
        if (v[idx[pm]] < v[idx[pl]]) swap(pm, pl);
        const vp = v[idx[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (v[idx[pi]] < vp);
          do --pj;
          while (vp < v[idx[pj]]);
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // Push the larger partition, keep sorting the smaller one.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = idx[pi];
        const vp = v[vi];
        let pj = pi;
        while (pj > pl && vp < v[idx[pj - 1]]) {
          idx[pj] = idx[pj - 1];
          pj--;
        }
        idx[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return idx;
}

/** numpy's aheapsort on idx[start .. start + n). */
function heapsort(v: ArrayLike<number>, idx: number[], start: number, n: number): void {
  // 1-based heap indexing as in numpy: a[k] is idx[start + k - 1].
  const get = (k: number): number => idx[start + k - 1];
  const set = (k: number, x: number): void => {
    idx[start + k - 1] = x;
  };
  // Moves `tmp` down from slot i of a heap of size `size`.
  const siftDown = (tmp: number, i: number, size: number): void => {
    let j = i << 1;
    while (j <= size) {
      if (j < size && v[get(j)] < v[get(j + 1)]) j++;
      if (v[tmp] < v[get(j)]) {
        set(i, get(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  };
  for (let l = n >> 1; l > 0; --l) siftDown(get(l), l, n);
  while (n > 1) {
    const tmp = get(n);
    set(n, get(1));
    n -= 1;
    siftDown(tmp, 1, n);
  }
}
