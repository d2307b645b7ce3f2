"""The regret bound of Optuna's RegretBoundEvaluator (optuna.terminator, Optuna 4.x), in numpy
and scipy, written from its definition for deriving reference values.

Debian's optuna 3.1 has no terminator, so this module restates the method as Optuna 4.x
computes it:
- the top trials: clip(int(n * top_trials_ratio), min_n_trials, n) best values (ties kept),
  values standardised by their mean and population standard deviation;
- a GP with an ARD Matern 5/2 kernel, k(x, x') = s * m(sum_j l_j (x_j - x'_j)^2) with
  m(r2) = (1 + sqrt(5 r2) + 5 r2 / 3) exp(-sqrt(5 r2)), and noise variance v + 1e-6;
- kernel parameters by maximum a posteriori: log marginal likelihood plus the log prior
  -sum_j (0.1 / l_j + 0.1 l_j) + log s - s + 0.1 log v' - 30 v' (v' the full noise variance),
  minimised by L-BFGS-B (gtol 1e-2) over (log l, log s, log v) from l = s = 1, v' = 1;
- beta = 2 log(d n^2 pi^2 / (6 delta)) / 5 with n the number of top trials;
- bound = (max UCB over the top trials and the random points - max LCB over the top trials)
  times the standard deviation, on the maximisation form of the values.
"""
import math

import numpy as np
from scipy.optimize import minimize

MIN_NOISE = 1e-6


def matern52(r2):
    s5 = np.sqrt(5.0 * r2)
    return (1.0 + s5 + 5.0 * r2 / 3.0) * np.exp(-s5)


def matern52_d(r2):
    """Derivative of matern52 with respect to r2."""
    s5 = np.sqrt(5.0 * r2)
    return -5.0 / 6.0 * (1.0 + s5) * np.exp(-s5)


def neg_log_posterior(raw, sqd, y):
    d = sqd.shape[2]
    isl = np.exp(raw[:d])
    scale = np.exp(raw[d])
    noise_raw = np.exp(raw[d + 1])
    noise = noise_raw + MIN_NOISE
    r2 = sqd @ isl
    base = matern52(r2)
    c = scale * base + noise * np.eye(len(y))
    if not np.all(np.isfinite(c)):
        return math.inf, np.zeros_like(raw)
    chol = np.linalg.cholesky(c)
    alpha = np.linalg.solve(chol.T, np.linalg.solve(chol, y))
    ll = -np.log(np.diag(chol)).sum() - 0.5 * y @ alpha
    prior = -(0.1 / isl + 0.1 * isl).sum() + math.log(scale) - scale
    prior += 0.1 * math.log(noise) - 30.0 * noise
    c_inv = np.linalg.solve(chol.T, np.linalg.solve(chol, np.eye(len(y))))
    w = np.outer(alpha, alpha) - c_inv  # dll/dC = 0.5 w
    grad = np.empty(d + 2)
    deriv = scale * matern52_d(r2)
    for j in range(d):
        grad[j] = 0.5 * np.sum(w * deriv * sqd[:, :, j]) * isl[j] + (0.1 / isl[j] - 0.1 * isl[j])
    grad[d] = 0.5 * np.sum(w * scale * base) + (1.0 - scale)
    grad[d + 1] = (0.5 * np.trace(w) + 0.1 / noise - 30.0) * noise_raw
    return -(ll + prior), -grad


def axis_distances(a, b, is_cat):
    """Per-axis squared differences, (len(a), len(b), d); Hamming on categorical axes."""
    sqd = (a[:, None, :] - b[None, :, :]) ** 2
    sqd[:, :, is_cat] = (sqd[:, :, is_cat] > 0).astype(float)
    return sqd


def fit(x, y, is_cat):
    d = x.shape[1]
    sqd = axis_distances(x, x, is_cat)
    raw0 = np.concatenate([np.zeros(d), [0.0, math.log(1.0 - 0.99 * MIN_NOISE)]])
    # Optuna's torch code raises when the Cholesky factorisation of a finite matrix fails, and
    # then falls back to its initial parameters (noise exactly 1), as it does when scipy
    # reports no success. An overflow is no error there: the loss is not finite and the line
    # search backtracks.
    try:
        with np.errstate(all="ignore"):
            res = minimize(neg_log_posterior, raw0, args=(sqd, y), jac=True, method="L-BFGS-B",
                           options={"gtol": 1e-2})
        failed = not res.success
    except np.linalg.LinAlgError:
        failed = True
    raw = np.concatenate([np.zeros(d), [0.0, math.log(1.0 - MIN_NOISE)]]) if failed else res.x
    isl = np.exp(raw[:d])
    scale = float(np.exp(raw[d]))
    noise = 1.0 if failed else float(np.exp(raw[d + 1]) + MIN_NOISE)
    c = scale * matern52(sqd @ isl) + noise * np.eye(len(y))
    chol = np.linalg.cholesky(c)
    alpha = np.linalg.solve(chol.T, np.linalg.solve(chol, y))

    def posterior(p):
        k = scale * matern52(axis_distances(p, x, is_cat) @ isl)
        mean = k @ alpha
        v = np.linalg.solve(chol, k.T)
        var = np.maximum(scale - (v * v).sum(axis=0), 0.0)
        return mean, var

    return {"isl": isl, "scale": scale, "noise": noise, "posterior": posterior,
            "failed": failed, "raw": raw, "sqd": sqd}


def regret_bound(x, values, sign, samples, is_cat=None, top_trials_ratio=0.5, min_n_trials=20,
                 delta=0.1):
    """x: (n, d) unit-cube params; values: objective values; sign: -1 to minimise;
    samples: (m, d) random unit-cube points where the UCB is also maximised; is_cat: which
    axes are categorical. Returns the bound and the fitted GP (with its training targets)."""
    v = sign * np.asarray(values, dtype=float)
    x = np.asarray(x, dtype=float)
    n = len(v)
    top_n = int(np.clip(int(n * top_trials_ratio), min_n_trials, n))
    threshold = np.partition(v, n - top_n)[n - top_n]
    mask = v >= threshold
    xt, vt = x[mask], v[mask]
    std = max(1e-10, vt.std())
    y = (vt - vt.mean()) / std
    if is_cat is None:
        is_cat = np.zeros(x.shape[1], dtype=bool)
    gp = fit(xt, y, np.asarray(is_cat, dtype=bool))
    gp["y"] = y
    d = x.shape[1]
    beta = 2.0 * math.log(d * len(y) ** 2 * math.pi**2 / 6.0 / delta) / 5.0
    m_top, var_top = gp["posterior"](xt)
    ucb = np.max(m_top + np.sqrt(beta * var_top))
    if len(samples):
        m_s, var_s = gp["posterior"](np.asarray(samples, dtype=float))
        ucb = max(ucb, np.max(m_s + np.sqrt(beta * var_s)))
    lcb = np.max(m_top - np.sqrt(beta * var_top))
    return float((ucb - lcb) * std), gp
