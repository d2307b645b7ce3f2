"""Writes src/fixtures/cmaes-strategy-parameters.json: the default strategy parameters of the
`cmaes` library 0.9.1 (the CMA-ES behind Optuna 3.1's CmaEsSampler) for a few dimensions.

Run with Debian's python3:  /usr/bin/python3 scripts/generate-fixtures.py
"""
import json
import os

import cmaes
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
cases = []
for n in [2, 5, 10, 40]:
    c = cmaes.CMA(mean=np.zeros(n), sigma=1.0)
    cases.append({
        "n": n,
        "popsize": c.population_size,
        "mu": c._mu,
        "weights": c._weights.tolist(),
        "muEff": c._mu_eff,
        "cSigma": c._c_sigma,
        "dSigma": c._d_sigma,
        "cc": c._cc,
        "c1": c._c1,
        "cMu": c._cmu,
        "chiN": c._chi_n,
    })
out = {"provenance": "cmaes " + cmaes.__version__ + " CMA(mean=zeros(n), sigma=1) private attributes", "cases": cases}
with open(os.path.join(here, "..", "src", "fixtures", "cmaes-strategy-parameters.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("ok")

# One generation of the `cmaes` library's update, for cma.test.ts and margin.test.ts:
# - "update": CMA(mean, sigma, cov) in 3-D told 7 solutions it asked (seed 1); the state after.
# - "margin": CMAwM on two int axes (values 0..10, thresholds k + 0.5) and one continuous axis,
#   told 7 solutions; "before" is a plain CMA told the same solutions (the update without the
#   margin correction), "after" the CMAwM mean and A.
upd = {}
mean = np.array([0.3, 0.5, 0.7])
cov = np.array([[1, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 0.5]])
opt = cmaes.CMA(mean=mean.copy(), sigma=0.2, cov=cov.copy(), seed=1)
solutions = []
for _ in range(opt.population_size):
    x = opt.ask()
    solutions.append((x, float(np.sum((x - 0.2) ** 2 * np.array([1, 10, 100])))))
opt.tell(solutions)
upd["update"] = {
    "mean": mean.tolist(), "sigma": 0.2, "cov": cov.flatten().tolist(),
    "solutions": [{"x": x.tolist(), "value": v} for x, v in solutions],
    "after": {"mean": opt._mean.tolist(), "sigma": opt._sigma, "C": opt._C.flatten().tolist(),
              "pc": opt._pc.tolist(), "ps": opt._p_sigma.tolist()},
}
mean = np.array([3.2, 0.1, 0.5])
bounds = np.array([[0, 10], [0, 10], [0, 1]])
wm = cmaes.CMAwM(mean=mean.copy(), sigma=0.05, bounds=bounds, steps=np.array([1, 1, 0]), seed=2)
plain = cmaes.CMA(mean=mean.copy(), sigma=0.05, seed=2)
solutions = []
for _ in range(wm.population_size):
    _, x = wm.ask()
    solutions.append((x, float(np.sum((x - np.array([3.3, 0.2, 0.4])) ** 2))))
plain.tell(solutions)
wm.tell(solutions)
upd["margin"] = {
    "thresholds": [k + 0.5 for k in range(10)], "alpha": wm.margin,
    "before": {"mean": plain._mean.tolist(), "sigma": plain._sigma,
               "covDiagonal": np.diag(plain._C).tolist()},
    "after": {"mean": wm._cma._mean.tolist(), "A": wm._A.tolist()},
}
upd["provenance"] = "cmaes " + cmaes.__version__ + ", scripts/generate-fixtures.py"
with open(os.path.join(here, "..", "src", "fixtures", "cmaes-reference-updates.json"), "w") as f:
    json.dump(upd, f, separators=(",", ":"))
print("ok")
