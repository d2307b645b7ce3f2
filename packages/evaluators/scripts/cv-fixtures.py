"""Expected cross_validate / learning_curve / validation_curve / permutation_test_score results.

Run: /usr/bin/python3 packages/evaluators/scripts/cv-fixtures.py > packages/evaluators/fixtures/cv.json
Estimators: scikit-learn's KNeighborsClassifier/Regressor (brute force, Euclidean) and
DummyRegressor(mean), which the tests re-implement in a few lines. Features are random
floats, so there are no distance ties.
"""
import json
import warnings

import numpy as np
from sklearn.dummy import DummyRegressor
from sklearn.model_selection import (GroupKFold, KFold, StratifiedKFold, cross_validate,
                                     learning_curve, validation_curve)
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

warnings.simplefilter("ignore")
rng = np.random.RandomState(7)


def lists(d):
    return {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in d.items() if "time" not in k}


out = {"producedBy": "packages/evaluators/scripts/cv-fixtures.py with /usr/bin/python3, scikit-learn 1.2.1"}

Xb = rng.rand(40, 2)
yb = ((Xb[:, 0] + 0.3 * rng.randn(40)) > 0.5).astype(int)
out["binary"] = {"X": Xb.tolist(), "y": yb.tolist(), "k": 3,
                 "result": lists(cross_validate(KNeighborsClassifier(3, algorithm="brute"), Xb, yb, cv=4,
                                                scoring=["accuracy", "roc_auc", "neg_log_loss", "f1"],
                                                return_train_score=True))}

Xm = rng.rand(45, 3)
ym = np.digitize(Xm[:, 0] + 0.2 * rng.randn(45), [0.35, 0.7])
out["multiclass"] = {"X": Xm.tolist(), "y": ym.tolist(), "k": 1,
                     "result": lists(cross_validate(KNeighborsClassifier(1, algorithm="brute"), Xm, ym, cv=5,
                                                    scoring=["accuracy", "f1_macro", "balanced_accuracy"]))}

Xr = rng.rand(30, 2)
yr = 3 * Xr[:, 0] - Xr[:, 1] + 0.1 * rng.randn(30)
out["regression"] = {"X": Xr.tolist(), "y": yr.tolist(),
                     "dummy": lists(cross_validate(DummyRegressor(), Xr, yr, cv=5, scoring=["r2", "neg_mean_squared_error"])),
                     "knn2": lists(cross_validate(KNeighborsRegressor(2, algorithm="brute"), Xr, yr, cv=KFold(3),
                                                  scoring=["neg_mean_absolute_error"]))}

groups = rng.randint(0, 8, 40)
out["groups"] = {"groups": groups.tolist(),
                 "result": lists(cross_validate(KNeighborsClassifier(3, algorithm="brute"), Xb, yb, cv=GroupKFold(4),
                                                groups=groups, scoring="accuracy"))}

sizes, tr, te = learning_curve(KNeighborsClassifier(1, algorithm="brute"), Xb, yb, cv=4,
                               train_sizes=[0.1, 0.325, 0.55, 0.775, 1.0], scoring="accuracy")
out["learningCurve"] = {"trainSizes": sizes.tolist(), "trainScores": tr.tolist(), "testScores": te.tolist()}
sizes2, tr2, te2 = learning_curve(KNeighborsRegressor(1, algorithm="brute"), Xr, yr, cv=3, train_sizes=[3, 8, 20],
                                  scoring="neg_mean_squared_error")
out["learningCurveCounts"] = {"trainSizes": sizes2.tolist(), "trainScores": tr2.tolist(), "testScores": te2.tolist()}

tr, te = validation_curve(KNeighborsClassifier(algorithm="brute"), Xm, ym, param_name="n_neighbors",
                          param_range=[1, 3, 5], cv=StratifiedKFold(3), scoring="accuracy")
out["validationCurve"] = {"paramRange": [1, 3, 5], "trainScores": tr.tolist(), "testScores": te.tolist()}
print(json.dumps(out))
