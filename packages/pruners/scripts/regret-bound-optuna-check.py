"""Checks the regret-bound fixtures against Optuna's own RegretBoundEvaluator (not needed by
the tests; a one-off check that regret_bound_reference.py restates Optuna faithfully).

Debian's python3-optuna (3.1) has no terminator, so this runs a source checkout of Optuna 4
or later with Debian's python3-torch and python3-scipy:
  apt-get install -y python3-torch python3-scipy
  OPTUNA_SRC=/path/to/optuna /usr/bin/python3 scripts/regret-bound-optuna-check.py
(from packages/pruners). The random points where Optuna also maximises the UCB are switched
off, as the fixtures leave them out (nSamples 0); everything else is Optuna's code path.
Prints each case's relative difference and exits 1 if one exceeds 1e-9.
"""
import json
import os
import sys
import warnings

sys.path.insert(0, os.environ["OPTUNA_SRC"])
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import optuna  # noqa: E402
from optuna._gp import optim_sample  # noqa: E402
from optuna.distributions import (  # noqa: E402
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.study import StudyDirection  # noqa: E402
from optuna.terminator.improvement import evaluator  # noqa: E402
from optuna.trial import create_trial  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
# No random points: the UCB is maximised over the top trials only.
optim_sample.optimize_acqf_sample = lambda acqf, n_samples=0, rng=None: (None, -np.inf)


def distribution(d):
    if d["type"] == "categorical":
        return CategoricalDistribution(d["choices"])
    if d["type"] == "int":
        return IntDistribution(d["low"], d["high"], log=d["log"], step=d["step"] or 1)
    return FloatDistribution(d["low"], d["high"], log=d["log"], step=d["step"])


def main():
    fixtures = json.load(open("src/fixtures/regret-bound.json"))
    worst = 0.0
    print("optuna", optuna.__version__)
    for c in fixtures["cases"]:
        dists = {k: distribution(v) for k, v in c["distributions"].items()}
        trials = [
            create_trial(params=p, distributions=dists, value=v)
            for p, v in zip(c["params"], c["values"])
        ]
        direction = StudyDirection.MINIMIZE if c["direction"] == "minimize" else StudyDirection.MAXIMIZE
        bound = evaluator.RegretBoundEvaluator().evaluate(trials, direction)
        rel = abs(bound - c["bound"]) / max(abs(c["bound"]), 1e-300)
        worst = max(worst, rel)
        print(f"{c['name']}: optuna {bound:.10g}, fixture {c['bound']:.10g}, relative {rel:.1e}")
    print(f"largest relative difference {worst:.1e}")
    sys.exit(0 if worst <= 1e-9 else 1)


if __name__ == "__main__":
    main()
