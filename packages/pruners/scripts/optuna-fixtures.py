"""Derives reference pruning decisions from Optuna 3.1 (Debian's /usr/bin/python3).

Run from packages/pruners:  /usr/bin/python3 scripts/optuna-fixtures.py > src/fixtures/optuna-3.1.json
Each scenario runs a sequential study whose trial i reports the fixed curve curves[i]
(None = no report at that step) and records the step at which Optuna pruned it (or null).
Also records Hyperband's bracket of trial numbers 0..999 for a fixed study name.
"""
import json
import math

import numpy as np
import optuna
from optuna_replay import run

optuna.logging.set_verbosity(optuna.logging.ERROR)


def make_curves(seed, n_trials, n_steps, sparse=False, nan_trial=None):
    rs = np.random.RandomState(seed)
    curves = []
    for i in range(n_trials):
        final = rs.uniform(0.0, 1.0)
        start = final + rs.uniform(0.5, 2.0)
        tau = rs.uniform(1.0, n_steps / 3)
        noise = rs.normal(0.0, 0.03, size=n_steps)
        c = [float(final + (start - final) * math.exp(-s / tau) + noise[s]) for s in range(n_steps)]
        if sparse and i % 3 == 1:
            c = [v if s % 2 == 0 else None for s, v in enumerate(c)]
        if nan_trial is not None and i == nan_trial:
            c = [float("nan")] * n_steps
        curves.append(c)
    return curves


def js(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return v


scenarios = []


def add(name, kind, options, direction, curves, pruner):
    scenarios.append(
        {
            "name": name,
            "pruner": kind,
            "options": options,
            "direction": direction,
            # maximize scenarios report the negated curve, so that both directions prune.
            "curves": [[js(v) for v in c] for c in curves],
            "prunedAt": run(pruner, curves, direction)[0],
        }
    )


c1 = make_curves(1, 30, 20)
add("median-default", "median", {}, "minimize", c1, optuna.pruners.MedianPruner())
c2 = make_curves(2, 30, 24, sparse=True, nan_trial=9)
add(
    "percentile-25-warmup-interval",
    "percentile",
    {"percentile": 25, "nStartupTrials": 3, "nWarmupSteps": 5, "intervalSteps": 3, "nMinTrials": 2},
    "maximize",
    c2,
    optuna.pruners.PercentilePruner(25.0, 3, 5, 3, n_min_trials=2),
)
c3 = make_curves(3, 40, 30)
add(
    "sha-r1-eta3",
    "sha",
    {"minResource": 1, "reductionFactor": 3},
    "minimize",
    c3,
    optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3),
)
c4 = make_curves(4, 25, 300)
add(
    "sha-auto-eta2-maximize",
    "sha",
    {"minResource": "auto", "reductionFactor": 2},
    "maximize",
    c4,
    optuna.pruners.SuccessiveHalvingPruner(min_resource="auto", reduction_factor=2),
)
c5 = make_curves(5, 30, 40, sparse=True)
add(
    "sha-bootstrap-rate1",
    "sha",
    {"minResource": 2, "reductionFactor": 3, "minEarlyStoppingRate": 1, "bootstrapCount": 2},
    "minimize",
    c5,
    optuna.pruners.SuccessiveHalvingPruner(
        min_resource=2, reduction_factor=3, min_early_stopping_rate=1, bootstrap_count=2
    ),
)
c6 = make_curves(6, 60, 27)
add(
    "hyperband-1-27-eta3",
    "hyperband",
    {"minResource": 1, "maxResource": 27, "reductionFactor": 3},
    "minimize",
    c6,
    optuna.pruners.HyperbandPruner(min_resource=1, max_resource=27, reduction_factor=3),
)

c7 = make_curves(40, 80, 30)
# maxResource 'auto' (the default): the trials that finished before the brackets existed
# (trial 0 here) have no rungs in Optuna and never compete.
add(
    "hyperband-auto-min2-eta2",
    "hyperband",
    {"minResource": 2, "reductionFactor": 2},
    "minimize",
    c7,
    optuna.pruners.HyperbandPruner(min_resource=2, max_resource="auto", reduction_factor=2),
)

hb = optuna.pruners.HyperbandPruner(min_resource=1, max_resource=81, reduction_factor=3)
study = optuna.create_study(study_name="hb-fixture", pruner=hb)
hb._try_initialization(study)


class _T:
    def __init__(self, number):
        self.number = number


brackets = [hb._get_bracket_id(study, _T(i)) for i in range(1000)]

print(
    json.dumps(
        {
            "producedBy": "scripts/optuna-fixtures.py with Optuna "
            + optuna.__version__
            + ", numpy "
            + np.__version__,
            "scenarios": scenarios,
            "hyperbandBrackets": {
                "studyName": "hb-fixture",
                "options": {"minResource": 1, "maxResource": 81, "reductionFactor": 3},
                "budgets": hb._trial_allocation_budgets,
                "brackets": brackets,
            },
        }
    )
)
