"""Optuna's RegretBoundEvaluator timed on the problem of `pnpm bench:terminator --cost`, for
comparison (not part of the test suite). Debian's python3-optuna (3.1) has the terminator but
not the GP of Optuna 4 that tunekit follows, so this runs a source checkout of Optuna 4 or
later with Debian's python3-torch and python3-scipy:
  apt-get install -y python3-torch python3-scipy
  OPTUNA_SRC=/path/to/optuna /usr/bin/python3 scripts/optuna-terminator-cost.py \
      [100,400,1000] [dim 5] [torch threads 1]
For each trial count n: n COMPLETE trials with `dim` uniform parameters in [0, 1] and the
value sum (x_i - 0.3)^2 + 0.05 u (u uniform), then the median of 3 `evaluate` calls, as
bench:terminator times `regretBound`. The draws differ from tunekit's (NumPy's generator); the
problem is the same. (optuna_source.py imports Optuna.)
"""
import statistics
import sys
import time

import numpy as np
from optuna_source import import_optuna

optuna, torch = import_optuna()
from optuna.distributions import FloatDistribution  # noqa: E402
from optuna.study import StudyDirection  # noqa: E402
from optuna.terminator.improvement.evaluator import RegretBoundEvaluator  # noqa: E402
from optuna.trial import create_trial  # noqa: E402

COUNTS = [int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "100,400,1000").split(",")]
DIM = int(sys.argv[2]) if len(sys.argv) > 2 else 5
# One thread by default, as tunekit runs on one.
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)


def trials(n):
    rng = np.random.RandomState(n)
    distributions = {f"x{k}": FloatDistribution(0, 1) for k in range(DIM)}
    out = []
    for _ in range(n):
        x = rng.rand(DIM)
        value = float(((x - 0.3) ** 2).sum() + 0.05 * rng.rand())
        params = {f"x{k}": float(x[k]) for k in range(DIM)}
        out.append(create_trial(value=value, params=params, distributions=distributions))
    return out


def main():
    print(
        f"Optuna {optuna.__version__} RegretBoundEvaluator, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), {DIM}-D, median of 3:"
    )
    for n in COUNTS:
        ts = trials(n)
        evaluator = RegretBoundEvaluator(seed=1)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            evaluator.evaluate(ts, StudyDirection.MINIMIZE)
            times.append(1000 * (time.perf_counter() - start))
        print(f"- {n} COMPLETE trials: {statistics.median(times):.0f} ms")


if __name__ == "__main__":
    main()
