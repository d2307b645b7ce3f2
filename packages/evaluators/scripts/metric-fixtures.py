"""Expected metric values for the metric tests, from scikit-learn 1.2.1 (numpy 1.24.2).

Run: /usr/bin/python3 packages/evaluators/scripts/metric-fixtures.py > packages/evaluators/fixtures/metrics.json
Every case holds its inputs, the scikit-learn call (as text) and the value.
"""
import json
import math
import warnings

import numpy as np
from sklearn import metrics as M

warnings.simplefilter("ignore")
rng = np.random.RandomState(42)


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


out = {"producedBy": "packages/evaluators/scripts/metric-fixtures.py with /usr/bin/python3, scikit-learn 1.2.1, numpy 1.24.2",
       "labels": [], "scores": [], "logLoss": [], "regression": [], "rocAucOvr": []}

label_cases = [
    ("binary", [0, 1, 1, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 0, 1, 0]),
    ("multiclass, class 1 never predicted", [0, 1, 2, 2, 1, 0, 2, 1], [0, 2, 2, 2, 0, 0, 2, 2]),
    ("binary labels 1/2", [1, 2, 2, 1, 2, 1, 1, 2, 2], [1, 2, 1, 1, 2, 2, 1, 2, 2]),
    ("constant prediction", [0, 1, 1, 0, 1], [1, 1, 1, 1, 1]),
    ("constant truth and prediction", [1, 1, 1, 1], [1, 1, 1, 1]),
    ("all negatives, none predicted positive", [0, 0, 0, 0], [0, 0, 0, 0]),
    ("predicted class absent from truth", [0, 0, 1, 1, 0], [0, 2, 1, 1, 2]),
    ("random 4 classes", rng.randint(0, 4, 50).tolist(), rng.randint(0, 4, 50).tolist()),
    ("random binary", rng.randint(0, 2, 37).tolist(), rng.randint(0, 2, 37).tolist()),
    ("perfect multiclass", [3, 1, 2, 3, 1], [3, 1, 2, 3, 1]),
]
for name, yt, yp in label_cases:
    yt_a, yp_a = np.array(yt), np.array(yp)
    binary = len(set(yt) | set(yp)) <= 2
    c = {"name": name, "yTrue": yt, "yPred": yp, "expected": {}}
    e = c["expected"]
    e["accuracyScore"] = num(M.accuracy_score(yt_a, yp_a))
    e["accuracyScoreCount"] = num(M.accuracy_score(yt_a, yp_a, normalize=False))
    e["balancedAccuracyScore"] = num(M.balanced_accuracy_score(yt_a, yp_a))
    e["balancedAccuracyAdjusted"] = num(M.balanced_accuracy_score(yt_a, yp_a, adjusted=True))
    e["matthewsCorrcoef"] = num(M.matthews_corrcoef(yt_a, yp_a))
    e["confusionMatrix"] = M.confusion_matrix(yt_a, yp_a).tolist()
    e["confusionMatrixTrue"] = [[num(v) for v in r] for r in M.confusion_matrix(yt_a, yp_a, normalize="true")]
    avgs = ["micro", "macro", "weighted"] + (["binary"] if binary else [])
    present = sorted(set(yt) | set(yp))
    pos = 1 if (1 in present or len(present) < 2) else present[-1]
    e["posLabel"] = pos
    for avg in avgs:
        for zd in ["warn", 1]:
            kw = {"average": avg, "zero_division": zd}
            if avg == "binary":
                kw["pos_label"] = pos
            key = f"{avg}/{zd}"
            e[f"precision {key}"] = num(M.precision_score(yt_a, yp_a, **kw))
            e[f"recall {key}"] = num(M.recall_score(yt_a, yp_a, **kw))
            e[f"f1 {key}"] = num(M.f1_score(yt_a, yp_a, **kw))
            e[f"fbeta0.5 {key}"] = num(M.fbeta_score(yt_a, yp_a, beta=0.5, **kw))
            e[f"fbeta2 {key}"] = num(M.fbeta_score(yt_a, yp_a, beta=2, **kw))
    if not binary:
        lab = present[:2] + [99]
        e["labelsSubset"] = lab
        e["f1 macro labelsSubset"] = num(M.f1_score(yt_a, yp_a, average="macro", labels=lab))
        e["precision micro labelsSubset"] = num(M.precision_score(yt_a, yp_a, average="micro", labels=lab))
    out["labels"].append(c)

score_cases = [
    ("sklearn docstring", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    ("ties across classes", [0, 0, 1, 1, 0, 1, 1, 0, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1, 0.1, 0.7]),
    ("all tied", [0, 1, 0, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]),
    ("perfect", [0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]),
    ("inverted", [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]),
    ("labels 1/2, decision values", [1, 2, 2, 1, 2, 1], [-2.5, 0.3, 1.7, -0.1, 0.3, 0.3]),
    ("random rounded (many ties)", rng.randint(0, 2, 60).tolist(), np.round(rng.rand(60), 1).tolist()),
    ("random", rng.randint(0, 2, 45).tolist(), rng.rand(45).tolist()),
]
for name, yt, ys in score_cases:
    yt_a, ys_a = np.array(yt), np.array(ys)
    c = {"name": name, "yTrue": yt, "yScore": ys, "rocAucScore": num(M.roc_auc_score(yt_a, ys_a))}
    if 1 in yt:
        c["averagePrecisionScore"] = num(M.average_precision_score(yt_a, ys_a))
    else:
        c["averagePrecisionScore posLabel 2"] = num(M.average_precision_score(yt_a, ys_a, pos_label=2))
    out["scores"].append(c)
# average precision with no positive sample: recall is set to 1 and AP is 0
out["apNoPositive"] = {"yTrue": [0, 0, 0], "yScore": [0.2, 0.5, 0.1],
                       "value": num(M.average_precision_score([0, 0, 0], [0.2, 0.5, 0.1]))}

for name, yt in [("3 classes", rng.randint(0, 3, 40).tolist()), ("4 classes labels 2..5", (rng.randint(0, 4, 30) + 2).tolist())]:
    k = len(set(yt))
    p = np.round(rng.dirichlet(np.ones(k), size=len(yt)), 2)
    p[:, -1] = 1 - p[:, :-1].sum(axis=1)
    out["rocAucOvr"].append({"name": name, "yTrue": yt, "yProba": p.tolist(),
                             "macro": num(M.roc_auc_score(yt, p, multi_class="ovr")),
                             "weighted": num(M.roc_auc_score(yt, p, multi_class="ovr", average="weighted"))})

ll_cases = [
    ("binary 1-d with 0 and 1 (clipped)", [0, 1, 1, 0, 1], [0.0, 1.0, 0.7, 1.0, 0.2], {}),
    ("binary 1-d eps 1e-15", [0, 1, 1, 0, 1], [0.0, 1.0, 0.7, 1.0, 0.2], {"eps": 1e-15}),
    ("matrix, rows not summing to 1 (renormalised)", [0, 2, 1, 2], [[0.5, 0.3, 0.4], [0.1, 0.1, 0.9], [0.2, 0.6, 0.2], [0.3, 0.3, 0.3]], {}),
    ("labels option, class 2 absent from yTrue", [0, 1, 1, 0], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25]], {"labels": [0, 1, 2]}),
    ("sum instead of mean", [1, 0, 1], [0.9, 0.2, 0.4], {"normalize": False}),
    ("string labels", ["no", "yes", "yes"], [[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]], {}),
]
for name, yt, yp, kw in ll_cases:
    out["logLoss"].append({"name": name, "yTrue": yt, "yProba": yp, "options": kw, "value": num(M.log_loss(yt, yp, **kw))})

reg_cases = [
    ("simple", [3, -0.5, 2, 7], [2.5, 0.0, 2, 8]),
    ("random", rng.randn(33).tolist(), rng.randn(33).tolist()),
    ("random large n (pairwise sums)", (rng.randn(300) * 100).tolist(), (rng.randn(300) * 100).tolist()),
    ("constant truth, perfect", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),
    ("constant truth, imperfect", [2.0, 2.0, 2.0], [2.0, 2.5, 1.0]),
    ("constant 0.1 (mean not exactly 0.1)", [0.1, 0.1, 0.1], [0.1, 0.2, 0.1]),
    ("zero in truth (MAPE epsilon)", [0.0, 1.0, -2.0, 4.0], [0.5, 1.0, -1.0, 3.0]),
    ("constant bias (explained variance 1)", [1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 4.0, 5.0]),
    ("one sample", [1.5], [2.0]),
]
for name, yt, yp in reg_cases:
    yt_a, yp_a = np.array(yt), np.array(yp)
    out["regression"].append({"name": name, "yTrue": yt, "yPred": yp, "expected": {
        "meanSquaredError": num(M.mean_squared_error(yt_a, yp_a)),
        "rootMeanSquaredError": num(M.mean_squared_error(yt_a, yp_a, squared=False)),
        "meanAbsoluteError": num(M.mean_absolute_error(yt_a, yp_a)),
        "medianAbsoluteError": num(M.median_absolute_error(yt_a, yp_a)),
        "meanAbsolutePercentageError": num(M.mean_absolute_percentage_error(yt_a, yp_a)),
        "r2Score": num(M.r2_score(yt_a, yp_a)),
        "r2ScoreNotFinite": num(M.r2_score(yt_a, yp_a, force_finite=False)),
        "explainedVarianceScore": num(M.explained_variance_score(yt_a, yp_a)),
    }})

print(json.dumps(out))
