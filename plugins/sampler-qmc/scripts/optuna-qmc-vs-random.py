"""Asks the issue's 10-seed question of Optuna 3.1 itself: is its QMCSampler at least as good
as its RandomSampler on the four reference problems (branin 60, hartmann6 100, rosenbrock5
150, mixed7 150 trials; the definitions of ../shared/reference/optuna-3.1-samplers.md)?

Figures for the README only; nothing in the test suite reads them.
Run with Debian's python3 (about 5 minutes):
  /usr/bin/python3 scripts/optuna-qmc-vs-random.py 1000

For runs s = 0..N-1 it prints, per problem: the median best value of QMCSampler(scramble=True,
seed=s + 1) and of RandomSampler(seed=s) on seeds 0..9 and on all N seeds, the probability that a
scrambled run ends better than a random run (ties count half), the number of blocks of 10
consecutive seeds where the scrambled median is at least as good, and the same count for
Optuna's default QMCSampler (unscrambled: the same points for every seed, so its 10-seed median
is one run's value; mixed7's categoricals are still drawn at random, so that run uses seed 0).
Last, the number of blocks where the scrambled median is at least as good on all four at once.
The scrambled sampler gets seed s + 1 because Optuna 3.1 reads its seed as `seed or <random>`,
so seed 0 would scramble differently on every run of this script.
"""
import math
import sys
import warnings

import numpy as np
import optuna

warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

optuna.logging.set_verbosity(optuna.logging.ERROR)

HARTMANN_A = np.array(
    [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
)
HARTMANN_P = 1e-4 * np.array(
    [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
)
HARTMANN_ALPHA = np.array([1, 1.2, 3, 3.2])


def branin(t):
    x0 = t.suggest_float("x0", -5, 10)
    x1 = t.suggest_float("x1", 0, 15)
    return (x1 - 5.1 / (4 * math.pi**2) * x0**2 + 5 / math.pi * x0 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x0) + 10


def hartmann6(t):
    x = np.array([t.suggest_float(f"x{i}", 0, 1) for i in range(6)])
    return -float(np.sum(HARTMANN_ALPHA * np.exp(-np.sum(HARTMANN_A * (x - HARTMANN_P) ** 2, axis=1))))


def rosenbrock5(t):
    x = [t.suggest_float(f"x{i}", -5, 10) for i in range(5)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(4))


MIXED_L = {"adam": -3, "sgd": -1.5, "rmsprop": -3.5}
MIXED_P = {"adam": 0, "sgd": 0.1, "rmsprop": 0.05}
MIXED_A = {"relu": 0, "tanh": 0.3, "sigmoid": 0.8, "gelu": 0}


def mixed7(t):
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    opt = t.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"])
    act = t.suggest_categorical("activation", ["relu", "tanh", "sigmoid", "gelu"])
    layers = t.suggest_int("layers", 1, 8)
    units = t.suggest_int("units", 16, 1024, log=True)
    dropout = t.suggest_float("dropout", 0, 0.8)
    wd = t.suggest_float("weight_decay", 1e-6, 0.1, log=True)
    return (
        0.5 * (math.log10(lr) - MIXED_L[opt]) ** 2
        + MIXED_P[opt]
        + MIXED_A[act]
        + 0.05 * (layers - 4) ** 2
        + 0.1 * (math.log2(units) - 8) ** 2
        + 2 * (dropout - (0.1 + 0.05 * layers)) ** 2
        + 0.05 * (math.log10(wd) + 4) ** 2
    )


PROBLEMS = {"branin": (branin, 60), "hartmann6": (hartmann6, 100), "rosenbrock5": (rosenbrock5, 150), "mixed7": (mixed7, 150)}


def best(objective, budget, sampler):
    study = optuna.create_study(sampler=sampler)
    study.optimize(objective, n_trials=budget)
    return study.best_value


def block_medians(values):
    return np.array([np.median(values[i : i + 10]) for i in range(0, len(values) - 9, 10)])


def main(n):
    all_four = None
    print("| problem | seeds 0..9: scrambled / random | all seeds: scrambled / random | P(scrambled better) | blocks scrambled >= random | blocks unscrambled >= random |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, (objective, budget) in PROBLEMS.items():
        scr = np.array([best(objective, budget, optuna.samplers.QMCSampler(scramble=True, seed=s + 1, warn_independent_sampling=False)) for s in range(n)])
        rnd = np.array([best(objective, budget, optuna.samplers.RandomSampler(seed=s)) for s in range(n)])
        plain = best(objective, budget, optuna.samplers.QMCSampler(seed=0, warn_independent_sampling=False))
        better = np.mean((scr[:, None] < rnd[None, :]) + 0.5 * (scr[:, None] == rnd[None, :]))
        ok = block_medians(scr) <= block_medians(rnd)
        plain_ok = plain <= block_medians(rnd)
        all_four = ok if all_four is None else all_four & ok
        print(
            f"| {name} | {np.median(scr[:10]):.4g} / {np.median(rnd[:10]):.4g} | {np.median(scr):.4g} / {np.median(rnd):.4g} "
            f"| {better:.3f} | {ok.sum()} of {len(ok)} | {plain_ok.sum()} of {len(ok)} (value {plain:.4g}) |",
            flush=True,
        )
    print(f"blocks with scrambled at least as good on all four: {all_four.sum()} of {len(all_four)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
