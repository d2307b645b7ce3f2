"""Optuna's GPSampler on branin (60 trials) and hartmann6 (100 trials), seeds 0..9 by default:
the counterpart of `pnpm bench:samplers --samplers gp --problems branin,hartmann6 --seeds 10`, for
comparison (not part of the test suite). Debian's python3-optuna (3.1) has no GPSampler, so
this runs a source checkout of Optuna 4 or later with Debian's python3-torch and python3-scipy:
  OPTUNA_SRC=/path/to/optuna /usr/bin/python3 scripts/optuna-gp-samplers.py \
    [seeds (10)] [first seed (0)] [problems (branin,hartmann6)]
The problems are written again here from src/problems/branin.ts and hartmann6.ts. Prints the
median (25th / 75th percentile, numpy's linear interpolation) of the best value per problem,
and how many runs ended within 0.001 and within 0.02 of the optimum.
(optuna_source.py imports Optuna.)
"""
import math
import sys

import numpy as np

from optuna_source import import_optuna

optuna, torch = import_optuna()


def branin(trial):
    x0 = trial.suggest_float("x0", -5, 10)
    x1 = trial.suggest_float("x1", 0, 15)
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x1 - b * x0 * x0 + c * x0 - 6) ** 2 + 10 * (1 - t) * math.cos(x0) + 10


ALPHA = [1, 1.2, 3, 3.2]
A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
P = [
    [v * 1e-4 for v in row]
    for row in [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
]


def hartmann6(trial):
    x = [trial.suggest_float(f"x{j}", 0, 1) for j in range(6)]
    f = 0.0
    for i in range(4):
        inner = sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))
        f -= ALPHA[i] * math.exp(-inner)
    return f


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    problems = sys.argv[3].split(",") if len(sys.argv) > 3 else ["branin", "hartmann6"]
    print(f"Optuna {optuna.__version__} GPSampler (defaults), torch {torch.__version__}")
    for name, objective, budget, optimum in [
        ("branin", branin, 60, 0.397887),
        ("hartmann6", hartmann6, 100, -3.32237),
    ]:
        if name not in problems:
            continue
        best = []
        for seed in range(first, first + seeds):
            study = optuna.create_study(sampler=optuna.samplers.GPSampler(seed=seed))
            study.optimize(objective, n_trials=budget)
            best.append(study.best_value)
        q = np.quantile(best, [0.5, 0.25, 0.75])
        print(f"{name} ({budget} trials, seeds {first}..{first + seeds - 1}): median {q[0]:.4f} "
              f"({q[1]:.4f} / {q[2]:.4f}); within 0.001 of the optimum: "
              f"{sum(b - optimum < 0.001 for b in best)}, within 0.02: "
              f"{sum(b - optimum < 0.02 for b in best)}; per seed: "
              f"{', '.join(f'{b:.4f}' for b in best)}", flush=True)


if __name__ == "__main__":
    main()
