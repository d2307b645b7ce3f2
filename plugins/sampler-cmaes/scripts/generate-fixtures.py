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
