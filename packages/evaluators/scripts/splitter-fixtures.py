"""Expected folds for the splitter tests, from scikit-learn 1.2.1 (numpy 1.24.2).

Run: /usr/bin/python3 packages/evaluators/scripts/splitter-fixtures.py > packages/evaluators/fixtures/splitters.json
Only unshuffled splitters (fold membership is deterministic) and the sizes of shuffled ones.
"""
import json
import warnings

import numpy as np
from sklearn.model_selection import (
    GroupKFold, KFold, LeaveOneOut, PredefinedSplit, ShuffleSplit, StratifiedGroupKFold,
    StratifiedKFold, TimeSeriesSplit, train_test_split,
)

warnings.simplefilter("ignore")


def folds(splitter, n, y=None, groups=None):
    X = np.zeros((n, 1))
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y, groups)]


out = {"producedBy": "packages/evaluators/scripts/splitter-fixtures.py with /usr/bin/python3, scikit-learn 1.2.1, numpy 1.24.2",
       "kFold": [], "stratifiedKFold": [], "groupKFold": [], "stratifiedGroupKFold": [],
       "timeSeriesSplit": [], "leaveOneOut": [], "predefinedSplit": [], "shuffleSizes": [], "trainTestSplitNoShuffle": []}

for n, k in [(10, 3), (7, 5), (5, 5), (11, 2), (23, 4)]:
    out["kFold"].append({"n": n, "nSplits": k, "folds": folds(KFold(k), n)})

rng = np.random.RandomState(0)
strat_cases = [
    ([0] * 6 + [1] * 4, 3),
    ([2, 2, 0, 0, 0, 1, 1, 1, 1, 2, 0, 1], 3),
    ([1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1], 4),
    (["b", "a", "b", "c", "a", "c", "b", "a", "c", "b"], 3),
    (rng.randint(0, 3, size=40).tolist(), 5),
    (rng.randint(0, 5, size=67).tolist(), 4),
]
for y, k in strat_cases:
    out["stratifiedKFold"].append({"y": y, "nSplits": k, "folds": folds(StratifiedKFold(k), len(y), np.array(y))})
# a class smaller than nSplits: scikit-learn only warns
y = [0] * 10 + [1] * 2
out["stratifiedKFoldWarn"] = {"y": y, "nSplits": 3, "folds": folds(StratifiedKFold(3), len(y), np.array(y))}

group_cases = [
    ([0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 4, 5], 3),
    ([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6], 4),  # all groups tie
    (rng.randint(0, 30, size=90).tolist(), 5),  # many groups, many ties (numpy's unstable argsort)
    ([i // 2 for i in range(40)], 3),  # 20 groups of 2: ties only
    (["x", "y", "x", "z", "w", "w", "y", "x"], 2),
]
for g, k in group_cases:
    out["groupKFold"].append({"groups": g, "nSplits": k, "folds": folds(GroupKFold(k), len(g), None, np.array(g))})

sgk_cases = [
    ([0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6], 3),
    (rng.randint(0, 2, size=60).tolist(), rng.randint(0, 15, size=60).tolist(), 4),
    (rng.randint(0, 3, size=80).tolist(), rng.randint(0, 20, size=80).tolist(), 5),
    (rng.randint(0, 9, size=120).tolist(), rng.randint(0, 25, size=120).tolist(), 3),
]
for y, g, k in sgk_cases:
    out["stratifiedGroupKFold"].append({"y": y, "groups": g, "nSplits": k,
                                        "folds": folds(StratifiedGroupKFold(k), len(y), np.array(y), np.array(g))})

for n, opts in [(10, {}), (12, {"n_splits": 3, "gap": 1}), (20, {"n_splits": 4, "max_train_size": 3}),
                (15, {"n_splits": 3, "test_size": 2}), (17, {"n_splits": 2, "test_size": 4, "gap": 2, "max_train_size": 5})]:
    camel = {"n_splits": "nSplits", "gap": "gap", "max_train_size": "maxTrainSize", "test_size": "testSize"}
    out["timeSeriesSplit"].append({"n": n, "options": {camel[k]: v for k, v in opts.items()},
                                   "folds": folds(TimeSeriesSplit(**opts), n)})

out["leaveOneOut"].append({"n": 4, "folds": folds(LeaveOneOut(), 4)})
tf = [0, 1, -1, 1, 0, 2, -1, 2]
out["predefinedSplit"].append({"testFold": tf, "folds": folds(PredefinedSplit(tf), len(tf))})

for n, test, train in [(10, None, None), (10, 0.25, None), (10, 3, None), (7, 0.33, None), (10, None, 0.5),
                       (10, 0.2, 0.5), (9, None, 4), (100, 0.15, None), (13, 0.1, 0.7)]:
    s = ShuffleSplit(n_splits=1, test_size=test, train_size=train, random_state=0)
    tr, te = next(s.split(np.zeros((n, 1))))
    out["shuffleSizes"].append({"n": n, "testSize": test, "trainSize": train, "nTrain": len(tr), "nTest": len(te)})

for n, test in [(10, None), (10, 0.3), (7, 2), (9, 0.5)]:
    X = np.arange(n)
    a, b = train_test_split(X, test_size=test, shuffle=False)
    out["trainTestSplitNoShuffle"].append({"n": n, "testSize": test, "train": a.tolist(), "test": b.tolist()})

print(json.dumps(out))
