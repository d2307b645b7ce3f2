"""Reference values for the sampler-gp tests. Run with Debian's Python:

    /usr/bin/python3 plugins/sampler-gp/scripts/make-fixtures.py > plugins/sampler-gp/fixtures/reference.json

scipy 1.10 gives erfc/erfcx; mpmath (50 digits) gives log EI h(z) = log(phi(z) + z Phi(z))
far in the tail where no double-precision formula is trustworthy; scikit-learn 1.2.1 gives
the Matern-5/2 kernel and the GP log marginal likelihood.
"""
import json

import mpmath
import numpy as np
from scipy import special
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

mpmath.mp.dps = 50

xs = [0.0, 0.1, 0.5, 1.0, 1.9, 2.0, 2.5, 3.0, 5.0, 10.0, 26.0]
erfc = [[x, float(special.erfc(x))] for x in xs + [-0.7, -2.5]]
erfcx = [[x, float(special.erfcx(x))] for x in xs + [100.0, 1e4, 1e9]]


def h(z):
    z = mpmath.mpf(z)
    return float(mpmath.log(mpmath.npdf(z) + z * mpmath.ncdf(z)))


def dh(z):
    z = mpmath.mpf(z)
    return float(mpmath.ncdf(z) / (mpmath.npdf(z) + z * mpmath.ncdf(z)))


zs = [5.0, 1.0, 0.0, -0.5, -0.999, -1.0, -1.001, -3.0, -10.0, -25.0, -40.0, -99.9, -100.0, -100.1, -1e3, -1e5]
log_ei = [[z, h(z), dh(z)] for z in zs]

rng = np.random.default_rng(0)
X = rng.random((8, 2))
y = np.sin(4 * X[:, 0]) + X[:, 1] ** 2
y = (y - y.mean()) / y.std()
lengthscales = [0.4, 1.3]
signal, noise = 1.7, 0.05
kernel = ConstantKernel(signal) * Matern(length_scale=lengthscales, nu=2.5) + WhiteKernel(noise)
gp = GaussianProcessRegressor(kernel=kernel, optimizer=None, normalize_y=False, alpha=0.0).fit(X, y)
lml = float(gp.log_marginal_likelihood(gp.kernel_.theta))
k01 = float(kernel.k1(X[:2])[0, 1])
mean, std = gp.predict(np.array([[0.3, 0.6]]), return_std=True)

print(json.dumps({
    "erfc": erfc,
    "erfcx": erfcx,
    "logEi": log_ei,
    "gp": {
        "X": X.tolist(), "y": y.tolist(), "lengthscales": lengthscales, "signal": signal, "noise": noise,
        "logMarginalLikelihood": lml, "k01": k01,
        "testPoint": [0.3, 0.6], "predictMean": float(mean[0]),
        # sklearn's std includes the WhiteKernel noise: latent variance = std^2 - noise.
        "predictLatentVariance": float(std[0] ** 2 - noise),
    },
}, indent=1))
