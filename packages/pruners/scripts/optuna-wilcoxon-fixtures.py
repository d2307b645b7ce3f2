"""Reference WilcoxonPruner decisions from Optuna's own code.

Debian's python3-optuna (3.1) predates WilcoxonPruner (Optuna 3.6), so this runs a source
checkout of Optuna with Debian's numpy and scipy. Run from packages/pruners:
  OPTUNA_SRC=/path/to/optuna /usr/bin/python3 scripts/optuna-wilcoxon-fixtures.py \\
    > src/fixtures/optuna-wilcoxon.json

Each scenario is a sequential study of per-instance steps: trial t reports, for instance s,
quality[t] + difficulty[s] + noise (some trials skip instances; a few report a NaN), asks
should_prune() after every report, and returns the mean of what it reported. Values are
whole multiples of 1e-8 (written as integers k, the value being k / SCALE in both languages).
A scenario is drawn again until no paired difference is zero and no two tie in absolute value.
There, scipy's wilcoxon uses the same method in every version since 1.9 (exact for n <= 50,
else the normal approximation), so the fixtures do not depend on the scipy at hand. Some
exact p-values land exactly on a threshold (0.5). Those are still exact in every version:
the null distribution's probabilities are multiples of 2^-n, whose sums are exact in doubles
for n <= 53.
"""
import json
import math
import os
import sys
import warnings

sys.path.insert(0, os.environ["OPTUNA_SRC"])
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import optuna  # noqa: E402
import scipy  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
SCALE = 1e8


def run(pruner, curves, direction):
    """As optuna_replay.run, but the objective returns the mean of the reported values."""
    sign = -1.0 if direction == "maximize" else 1.0
    study = optuna.create_study(direction=direction, pruner=pruner)
    pruned_at = []

    def objective(trial):
        reported = []
        for step, v in enumerate(curves[trial.number]):
            if v is None:
                continue
            reported.append(sign * v)
            trial.report(reported[-1], step)
            if trial.should_prune():
                pruned_at.append(step)
                raise optuna.TrialPruned()
        pruned_at.append(None)
        # Nothing reported: NaN, which fails the trial (as in tunekit). A plain left-to-right
        # sum, as tunekit's (Python 3.12's sum() compensates).
        total = 0.0
        for v in reported:
            total += v
        return total / len(reported) if reported else math.nan

    study.optimize(objective, n_trials=len(curves))
    return pruned_at, [t.state.name for t in study.get_trials(deepcopy=False)]


def has_ties(curves):
    """Whether a pair of trials has a zero paired difference or two equal absolute ones."""
    for a in range(len(curves)):
        for b in range(a):
            d = [
                abs(x - y)
                for x, y in zip(curves[a], curves[b])
                if x is not None and y is not None and "NaN" not in (x, y)
            ]
            if 0 in d or len(set(d)) < len(d):
                return True
    return False


def draw_curves(rs, n_trials, n_steps, noise):
    difficulty = rs.normal(0.0, 1.0, size=n_steps)
    curves = []
    for _ in range(n_trials):
        quality = rs.uniform(0.0, 1.0)
        curve = [
            round((quality + difficulty[s] + noise * rs.normal()) * SCALE) for s in range(n_steps)
        ]
        if rs.uniform() < 0.2:
            curve = [k if rs.uniform() < 0.7 else None for k in curve]
        if rs.uniform() < 0.08:
            curve[int(rs.randint(n_steps))] = "NaN"
        curves.append(curve)
    return curves


def scenario(rs, index):
    n_trials = int(rs.randint(6, 16))
    n_steps = int(rs.choice([6, 12, 30, 50, 70]))
    direction = "minimize" if rs.uniform() < 0.5 else "maximize"
    options = {
        "pThreshold": float(rs.choice([0.05, 0.1, 0.2, 0.5])),
        "nStartupSteps": int(rs.choice([0, 2, 5])),
    }
    noise = float(rs.choice([0.05, 0.3, 1.0]))
    curves = draw_curves(rs, n_trials, n_steps, noise)
    while has_ties(curves):
        curves = draw_curves(rs, n_trials, n_steps, noise)
    pruner = optuna.pruners.WilcoxonPruner(
        p_threshold=options["pThreshold"], n_startup_steps=options["nStartupSteps"]
    )
    values = [
        [None if k is None else (math.nan if k == "NaN" else k / SCALE) for k in c] for c in curves
    ]
    pruned_at, states = run(pruner, values, direction)
    return {
        "name": f"wilcoxon {index}: {n_trials} trials x {n_steps} steps, noise {noise}, "
        f"{direction}, {options}",
        "direction": direction,
        "options": options,
        "curves": curves,
        "prunedAt": pruned_at,
        "states": states,
    }


def main():
    rs = np.random.RandomState(36)
    scenarios = [scenario(rs, i) for i in range(100)]
    json.dump({
        "generator": "scripts/optuna-wilcoxon-fixtures.py",
        "optuna": optuna.__version__,
        "scale": SCALE,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scenarios": scenarios,
    }, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
