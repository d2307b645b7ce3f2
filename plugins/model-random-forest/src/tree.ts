/** One fitted tree in flat arrays; `left[i] === -1` marks a leaf. */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Per node, `outputs` values: class probabilities (weighted leaf frequencies) or the mean target. */
  readonly value: Float64Array;
  readonly outputs: number;
}

/** Index of the leaf that row `r` of a row-major matrix falls into. */
export function leafOf(tree: Tree, X: Float64Array, cols: number, r: number): number {
  let node = 0;
  const o = r * cols;
  while (tree.left[node] !== -1) {
    node = X[o + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return node;
}

export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  outputs: number;
}

export function treeToJSON(t: Tree): TreeJSON {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: Array.from(t.value),
    outputs: t.outputs,
  };
}

export function treeFromJSON(j: TreeJSON): Tree {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    value: Float64Array.from(j.value),
    outputs: j.outputs,
  };
}
