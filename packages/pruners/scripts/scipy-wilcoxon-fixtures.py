"""Reference p-values of scipy.stats.wilcoxon(d, alternative=..., zero_method='zsplit').

Run from packages/pruners:
  /usr/bin/python3 scripts/scipy-wilcoxon-fixtures.py > src/fixtures/scipy-wilcoxon.json
Only samples without ties or zeros, for which scipy 1.10 (Debian) and scipy >= 1.13 agree:
the exact null distribution for n <= 50, the normal approximation (no continuity
correction) above.
"""
import json

import numpy as np
import scipy
from scipy import stats

rs = np.random.RandomState(7)
cases = []
for n, shift in [(2, 0.5), (3, 1.0), (5, 0.3), (8, 0.6), (12, -0.2), (20, 0.4), (35, 0.1), (50, 0.3), (51, 0.2), (80, -0.15), (120, 0.1)]:
    d = np.round(rs.normal(shift, 1.0, size=n), 6)
    assert len(np.unique(np.abs(d))) == n and np.all(d != 0)
    for alt in ["greater", "less"]:
        p = stats.wilcoxon(d, alternative=alt, zero_method="zsplit").pvalue
        cases.append({"d": d.tolist(), "alternative": alt, "pValue": float(p)})
print(json.dumps({"producedBy": "scripts/scipy-wilcoxon-fixtures.py with scipy " + scipy.__version__, "cases": cases}))
