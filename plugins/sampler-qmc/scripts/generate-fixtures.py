"""Writes src/fixtures/scipy-sobol.json: unscrambled Sobol points from SciPy 1.10.1
(scipy.stats.qmc.Sobol(d, scramble=False)), the reference the tests compare against.

Run with Debian's python3:  /usr/bin/python3 scripts/generate-fixtures.py
"""
import json
import os

import scipy
from scipy.stats import qmc

here = os.path.dirname(os.path.abspath(__file__))
out = {"provenance": "scipy.stats.qmc.Sobol(d, scramble=False), SciPy " + scipy.__version__, "cases": []}

# The first 32 points in 10 dimensions.
out["cases"].append({"dim": 10, "indices": list(range(32)), "columns": list(range(10)),
                     "points": qmc.Sobol(10, scramble=False).random(32).tolist()})

# Scattered indices and columns of the 1024-dimensional sequence.
indices = [1, 2, 3, 7, 100, 1023, 12345]
columns = [0, 1, 2, 9, 100, 511, 999, 1023]
points = []
for i in indices:
    eng = qmc.Sobol(1024, scramble=False)
    eng.fast_forward(i)
    p = eng.random(1)[0]
    points.append([float(p[c]) for c in columns])
out["cases"].append({"dim": 1024, "indices": indices, "columns": columns, "points": points})

# Halton (unscrambled), first 8 points in 5 dimensions.
out["halton"] = {"dim": 5, "points": qmc.Halton(5, scramble=False).random(8).tolist()}

with open(os.path.join(here, "..", "src", "fixtures", "scipy-sobol.json"), "w") as f:
    json.dump(out, f, indent=1)
print("ok")
