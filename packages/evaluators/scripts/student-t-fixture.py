"""Student t reference values from scipy 1.10.1.

Run: /usr/bin/python3 packages/evaluators/scripts/student-t-fixture.py > packages/evaluators/fixtures/student-t.json
`critical` is scipy.stats.t.ppf((1 + level) / 2, df); scipy's ppf is only good to about 1e-9
(its own cdf maps it back to level +- 7e-10), so `central` = 2 * t.cdf(x, df) - 1 at fixed x
is the precise reference.
"""
import json

from scipy.stats import t

critical = [{"level": lv, "df": df, "t": float(t.ppf((1 + lv) / 2, df))}
            for lv in (0.8, 0.9, 0.95, 0.99) for df in (1, 2, 3, 4, 5, 6, 7, 9, 10, 19, 30, 99)]
central = [{"x": x, "df": df, "p": float(2 * t.cdf(x, df) - 1)}
           for x in (0.1, 0.7, 1.5, 2.2, 4.0, 12.0) for df in (1, 2, 3, 4, 7, 10, 31, 100)]
print(json.dumps({"producedBy": "packages/evaluators/scripts/student-t-fixture.py, scipy 1.10.1",
                  "critical": critical, "central": central}))
