"""Reference figures for cma.test.ts: evaluations the `cmaes` 0.9.1 library (the CMA-ES behind
Optuna 3.1) needs to reach f < 1e-8 from x0 = 1, sigma0 = 0.5, unbounded, on
- the 10-D sphere (CMA, seeds 0..19): 1,230 to 1,490, median 1,360;
- the separable 10-D ellipsoid, condition 1e6 (SepCMA and CMA, seeds 0..9):
  SepCMA 2,260 to 2,720, CMA 3,610 to 4,540.
Run: /usr/bin/python3 scripts/reference-runs.py
"""
import cmaes
import numpy as np


def sphere(x):
    return float(np.sum(x * x))


def ellipsoid(x):
    return float(sum(10 ** (6 * i / (len(x) - 1)) * v * v for i, v in enumerate(x)))


def evaluations(cls, f, seed, limit=20000):
    opt = cls(mean=np.ones(10), sigma=0.5, seed=seed)
    n, best = 0, np.inf
    while n < limit:
        solutions = []
        for _ in range(opt.population_size):
            x = opt.ask()
            v = f(x)
            n += 1
            best = min(best, v)
            solutions.append((x, v))
        if best < 1e-8:
            return n
        opt.tell(solutions)
    return n


print("sphere CMA", sorted(evaluations(cmaes.CMA, sphere, s) for s in range(20)))
print("ellipsoid SepCMA", sorted(evaluations(cmaes.SepCMA, ellipsoid, s) for s in range(10)))
print("ellipsoid CMA", sorted(evaluations(cmaes.CMA, ellipsoid, s) for s in range(10)))
