#!/usr/bin/env python3
"""A NumPy DDIM sampler of our own, checked against diffusion4j's exact oracle: its convergence order is 1.

The data are gauss2 (one correlated Gaussian in d = 2) under the VP-linear schedule; the server must be
``diffusion4j serve --problem gauss2 --schedule vp-linear``. Deterministic DDIM (Song, Meng and Ermon 2021, eq. 12
with η = 0) steps from t to s < t on a grid uniform in t from 1 to t_end = 0.01:

    ε̂ = ε̂(x, t),   x̂₀ = (x − σ_t ε̂) / α_t,   x ← α_s x̂₀ + σ_s ε̂.

With the exact score of Gaussian data ε̂ is affine in x, so each step, and the whole sampler, is an affine map
x ↦ A x + b. Pushing the d + 1 points m_T, m_T + e_1, …, m_T + e_d through it reads off A and b exactly, and the
sampler's output law from p_T = N(m_T, S_T) is N(A m_T + b, A S_T Aᵀ) — no sampling. ``assess`` then gives the
exact KL and W2 to p_{t_end}. A first-order method has W2 = O(1/N) and KL = O(1/N²) (KL is quadratic in the
error of the law), so both the slope of log W2 and half the slope of log KL against log N should be −1.

    python3 python/examples/ddim_order.py [URL]      (default: $DIFFUSION4J_URL or http://127.0.0.1:8765)

Exits 1 unless both fitted orders lie in [0.9, 1.1].
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from diffusion4j_client import Oracle, row  # noqa: E402

T_START, T_END = 1.0, 0.01
STEPS = (8, 16, 32, 64, 128)


def ddim(oracle, x, steps):
    """Deterministic DDIM on a grid uniform in t from T_START to T_END."""
    times = np.linspace(T_START, T_END, steps + 1)
    coefficients = {t: oracle.schedule(t) for t in times}
    for t, s in zip(times[:-1], times[1:]):
        eps = oracle.eps(x, t)
        x0 = (x - coefficients[t]["sigma"] * eps) / coefficients[t]["alpha"]
        x = coefficients[s]["alpha"] * x0 + coefficients[s]["sigma"] * eps
    return x


def output_law(oracle, steps, mean_T, cov_T):
    """The exact output law of DDIM from N(mean_T, cov_T): it is affine, so d + 1 points determine it."""
    d = mean_T.size
    probes = np.vstack([mean_T, mean_T + np.eye(d)])
    pushed = ddim(oracle, probes, steps)
    shift = pushed[0]
    matrix = (pushed[1:] - shift).T          # column j is A e_j
    return shift, matrix @ cov_T @ matrix.T


def fitted_order(steps, errors):
    slope = np.polyfit(np.log(steps), np.log(errors), 1)[0]
    return -slope


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DIFFUSION4J_URL", "http://127.0.0.1:8765")
    oracle = Oracle(url)
    info = oracle.info()
    if info["components"] != 1:
        sys.exit("this example needs Gaussian data (serve --problem gauss2), got %d components" % info["components"])
    mean = np.array(info["mean"])
    cov = np.array(info["covariance"])
    start = oracle.schedule(T_START)
    mean_T = start["alpha"] * mean
    cov_T = start["alpha"] ** 2 * cov + start["sigma"] ** 2 * np.eye(mean.size)
    print("DDIM on %s under %s, t %g → %g, grid uniform in t" % (info["data"], info["schedule"]["name"], T_START,
                                                                T_END))
    print("%6s  %14s  %14s" % ("N", "KL (exact)", "W2 (exact)"))
    kls, w2s = [], []
    for n in STEPS:
        m, c = output_law(oracle, n, mean_T, cov_T)
        report = oracle.assess_gaussian(m, c, T_END)
        kls.append(row(report, "kl")["value"])
        w2s.append(row(report, "w2")["value"])
        print("%6d  %14.6e  %14.6e" % (n, kls[-1], w2s[-1]))
    order_w2 = fitted_order(STEPS, w2s)
    order_kl = fitted_order(STEPS, np.sqrt(kls))
    print("fitted order: %.3f from W2, %.3f from √KL (expected 1)" % (order_w2, order_kl))

    samples = ddim(oracle, oracle.sample(T_START, 4000, seed=1), STEPS[-1])
    knn = row(oracle.assess(samples, T_END), "kl-knn")
    print("4000 samples at N = %d: k-NN KL %.4f [%.4f, %.4f] (exact %.2e; the estimator's resolution is its interval)"
          % (STEPS[-1], knn["value"], knn["lower"], knn["upper"], kls[-1]))
    if not (0.9 <= order_w2 <= 1.1 and 0.9 <= order_kl <= 1.1):
        print("FAIL: the fitted orders are not within [0.9, 1.1]", file=sys.stderr)
        return 1
    print("PASS: DDIM converges at order 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
