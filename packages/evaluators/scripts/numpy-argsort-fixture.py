"""np.argsort reference orders for numpy-argsort.test.ts.

Run: /usr/bin/python3 packages/evaluators/scripts/numpy-argsort-fixture.py > packages/evaluators/fixtures/numpy-argsort.json
Random int64 arrays with many ties, plus inputs built by McIlroy's "antiquicksort" adversary
(run against numpy's own argsort on objects) that drive the introsort past its depth limit into
heapsort; integer-divided copies of them add ties on that path.
"""
import json

import numpy as np

rng = np.random.default_rng(1)
cases = []
for n in [1, 2, 5, 16, 17, 18, 30, 50, 100, 257]:
    for hi in [2, 4, n]:
        a = rng.integers(0, max(hi, 1), size=n)
        cases.append({"values": a.tolist(), "argsort": np.argsort(a).tolist()})
a = np.array([i % 7 for i in range(300)] + [3] * 50)
cases.append({"values": a.tolist(), "argsort": np.argsort(a).tolist()})


def adversary(n):
    """McIlroy (1999): values fixed lazily so that each partition is as bad as possible."""
    gas = n
    val = [gas] * n
    state = {"nsolid": 0, "candidate": 0}

    def freeze(x):
        val[x] = state["nsolid"]
        state["nsolid"] += 1

    class K:
        __slots__ = ("i",)

        def __init__(self, i):
            self.i = i

        def __lt__(self, other):
            x, y = self.i, other.i
            if val[x] == gas and val[y] == gas:
                freeze(x if x == state["candidate"] else y)
            if val[x] == gas:
                state["candidate"] = x
            elif val[y] == gas:
                state["candidate"] = y
            return val[x] < val[y]

    arr = np.empty(n, dtype=object)
    for i in range(n):
        arr[i] = K(i)
    np.argsort(arr)
    for i in range(n):
        if val[i] == gas:
            freeze(i)
    return val


for n in [64, 200, 300]:
    v = adversary(n)
    for div in [1, 2, 3]:
        q = np.array([x // div for x in v], dtype=np.int64)
        cases.append({"values": q.tolist(), "argsort": np.argsort(q).tolist(), "adversarial": True})

print(json.dumps({"producedBy": "packages/evaluators/scripts/numpy-argsort-fixture.py with /usr/bin/python3, numpy 1.24.2: np.argsort(values), default kind='quicksort'",
                  "cases": cases}))
