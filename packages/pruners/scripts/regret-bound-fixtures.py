"""Derives reference regret bounds (Optuna 4.x's RegretBoundEvaluator, restated in
regret_bound_reference.py) for the terminator's tests. Debian's /usr/bin/python3 with numpy
and scipy; no Optuna needed.

Run from packages/pruners:
  /usr/bin/python3 scripts/regret-bound-fixtures.py > src/fixtures/regret-bound.json

Each case is a finished study on a small mixed space (float, log float, int with a step,
log int, categorical) whose values are a noisy bowl, with points partly clustered near the optimum
as an optimiser leaves them. The unit-cube encoding is written out here from its definition
(log axes in log space, discrete axes widened by half a step, categorical choice i of k at
(i + 0.5) / k), so the tests also check tunekit's encoding.
"""
import json
import math
import sys

import numpy as np

from regret_bound_reference import neg_log_posterior, regret_bound

SPACES = {
    "x": {"type": "float", "low": -5.0, "high": 5.0, "log": False, "step": None},
    "lr": {"type": "float", "low": 1e-3, "high": 10.0, "log": True, "step": None},
    "k": {"type": "int", "low": 0, "high": 20, "log": False, "step": 2},
    "n": {"type": "int", "low": 1, "high": 64, "log": True, "step": 1},
    "c": {"type": "categorical", "choices": ["a", "b", "c"]},
}


def axis(dist):
    """The axis a numeric distribution lives on: log space for log axes, widened by half a
    step on each side for discrete ones (a log int by half a unit before the log)."""
    lo, hi = dist["low"], dist["high"]
    half = dist["step"] / 2 if dist["step"] is not None else 0.0
    if dist["log"]:
        return math.log(lo - half), math.log(hi + half)
    return lo - half, hi + half


def to_unit(dist, value):
    if dist["type"] == "categorical":
        return (dist["choices"].index(value) + 0.5) / len(dist["choices"])
    a, b = axis(dist)
    t = math.log(value) if dist["log"] else value
    return (t - a) / (b - a)


def draw(rs, dist, centre, spread):
    """A value near centre (a unit-cube point) with the given spread, or uniform if None."""
    u = rs.uniform() if spread is None else float(np.clip(centre + spread * rs.normal(), 0, 1))
    if dist["type"] == "categorical":
        k = len(dist["choices"])
        return dist["choices"][min(k - 1, int(u * k))]
    a, b = axis(dist)
    t = a + u * (b - a)
    v = math.exp(t) if dist["log"] else t
    if dist["step"] is None:
        return v
    lo, hi, s = dist["low"], dist["high"], dist["step"]
    return int(min(hi, max(lo, lo + s * round((v - lo) / s))))


def make_case(rs, index):
    names = sorted(rs.choice(list(SPACES), size=rs.randint(1, 4), replace=False).tolist())
    n = int(rs.choice([20, 30, 45, 70]))
    noise = float(rs.choice([0.02, 0.1, 0.5]))
    clustered = float(rs.choice([0.0, 0.5, 0.8]))
    direction = "minimize" if rs.uniform() < 0.5 else "maximize"
    # Values rounded to one decimal leave ties at the top-trial threshold, which are all kept.
    rounded = rs.uniform() < 0.3
    optimum = rs.uniform(0.2, 0.8, size=len(names))
    params, units, values = [], [], []
    for _ in range(n):
        spread = 0.05 if rs.uniform() < clustered else None
        p = {name: draw(rs, SPACES[name], optimum[j], spread) for j, name in enumerate(names)}
        u = [to_unit(SPACES[name], p[name]) for name in names]
        loss = 0.0
        for j, name in enumerate(names):
            if SPACES[name]["type"] == "categorical":
                # The choice whose cell holds the optimum costs nothing, the others 1.
                loss += 0.0 if u[j] == (int(optimum[j] * 3) + 0.5) / 3 else 1.0
            else:
                loss += 4 * (u[j] - optimum[j]) ** 2
        loss += noise * rs.normal()
        if rounded:
            loss = round(loss, 1)
        params.append(p)
        units.append(u)
        values.append(loss if direction == "minimize" else -loss)
    x = np.array(units)
    sign = -1 if direction == "minimize" else 1
    is_cat = [SPACES[name]["type"] == "categorical" for name in names]
    bound, gp = regret_bound(x, values, sign, np.zeros((0, len(names))), is_cat)
    # The posterior at probe points and the objective and gradient at the fitted parameters,
    # so the tests can check the GP itself.
    probes = np.array([
        [to_unit(SPACES[name], draw(rs, SPACES[name], 0.5, None)) for name in names]
        for _ in range(5)
    ])
    mean, var = gp["posterior"](probes)
    loss, grad = neg_log_posterior(gp["raw"], gp["sqd"], gp["y"])
    return {
        "name": f"case {index}: {'+'.join(names)}, n {n}, noise {noise}, {direction}"
        + (", rounded" if rounded else ""),
        "direction": direction,
        "distributions": {name: SPACES[name] for name in names},
        "params": params,
        "values": values,
        "fitFailed": bool(gp["failed"]),
        "bound": bound,
        "kernel": {
            "inverseSquaredLengthscales": gp["isl"].tolist(),
            "kernelScale": gp["scale"],
            "noise": gp["noise"],
        },
        "rawParams": gp["raw"].tolist(),
        "loss": float(loss),
        "gradient": grad.tolist(),
        "probes": probes.tolist(),
        "probeMean": mean.tolist(),
        "probeVariance": var.tolist(),
    }


def main():
    rs = np.random.RandomState(20261128)
    cases = [make_case(rs, i) for i in range(40)]
    json.dump({
        "generator": "scripts/regret-bound-fixtures.py",
        "numpy": np.__version__,
        "cases": cases,
    }, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
