"""Optuna's GPSampler on `pnpm bench:gp-cost`'s problem, for comparison (not part of the test
suite). Debian's python3-optuna (3.1) has no GPSampler, so this runs a source checkout of
Optuna 4 or later with Debian's python3-torch and python3-scipy:
  apt-get install -y python3-torch python3-scipy
  OPTUNA_SRC=/path/to/optuna /usr/bin/python3 scripts/optuna-gp-cost.py [trials] [window]
It times ask() plus the six suggest_float calls, where the sampler does its work, over the
last `window` trials. The objective costs nothing. (optuna_source.py imports Optuna.)
"""
import math
import sys
import time

from optuna_source import import_optuna

optuna, torch = import_optuna()

N_TRIALS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
WINDOW = int(sys.argv[2]) if len(sys.argv) > 2 else 20
DIM = 6


def objective(p):
    # The same cheap multimodal function as src/bench/gp-cost.ts.
    return sum(
        (p[f"x{i}"] - 0.3 - 0.05 * i) ** 2 - 0.1 * math.cos(8 * p[f"x{i}"]) for i in range(DIM)
    )


def main():
    study = optuna.create_study(sampler=optuna.samplers.GPSampler(seed=0))
    wall, cpu = [], []
    for number in range(N_TRIALS):
        w0, c0 = time.perf_counter(), time.process_time()
        trial = study.ask()
        params = {f"x{i}": trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(DIM)}
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
        study.tell(trial, objective(params))
        if (number + 1) % 50 == 0:
            print(f"trial {number + 1}: {sum(wall[-10:]) / 10:.1f} ms wall per trial (last 10)")
    print(
        f"Optuna {optuna.__version__} GPSampler, torch {torch.__version__}, {DIM}-D floats, "
        f"{N_TRIALS} trials, ms per trial over the last {WINDOW}: wall mean "
        f"{sum(wall[-WINDOW:]) / WINDOW:.1f}, CPU mean {sum(cpu[-WINDOW:]) / WINDOW:.1f} "
        f"(CPU counts every thread); best value {study.best_value:.4f}"
    )


if __name__ == "__main__":
    main()
