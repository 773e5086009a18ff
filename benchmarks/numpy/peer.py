"""NumPy peer of the diffusion4j JMH benchmarks: the same workloads, written the way a NumPy user would write them
(vectorised over points and components, log-sum-exp by max subtraction, BLAS matrix products), timed on this machine.

Shapes and data follow the Java benchmarks (benchmarks/src/...): means uniform in [-2, 2]^d, points uniform in
[-3, 3]^d, the VP-linear marginal at t = 0.3 (alpha, sigma below), diagonal variances uniform in [0.1, 0.5], full
covariances 0.3 I + 0.2 u u^T with u a random unit vector, as SyntheticMixtures builds them. Costs depend on the
shapes, not the values.
Timing: best and median of repeated calls after a warm-up call (time.perf_counter), single-threaded BLAS unless
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS say otherwise (run.sh sets 1).

Usage: python3 peer.py                      prints a Markdown table
       python3 peer.py --check CLI_JAR       checks the peer's scores against `diffusion4j eval`
"""
import time

import numpy as np

BETA_MIN, BETA_MAX = 0.1, 20.0


def vp_alpha_sigma(t):
    log_alpha = -0.25 * t * t * (BETA_MAX - BETA_MIN) - 0.5 * t * BETA_MIN
    alpha = np.exp(log_alpha)
    return alpha, np.sqrt(-np.expm1(2 * log_alpha))


def mixture(rng, k, d, covariance):
    means = rng.uniform(-2, 2, size=(k, d))
    log_w = np.log(np.full(k, 1.0 / k))
    if covariance == "diagonal":
        return means, log_w, rng.uniform(0.1, 0.5, size=(k, d))
    u = rng.uniform(-1, 1, size=(k, d))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    return means, log_w, 0.3 * np.eye(d)[None] + 0.2 * u[:, :, None] * u[:, None, :]


class DiagonalScore:
    """s(z) = sum_k r_k(z) (m_k - z) / c_k with c_k = alpha^2 var_k + sigma^2, r_k by log-sum-exp.

    Tuned: points in chunks that keep every intermediate in cache, component-major K x chunk arrays (the reductions
    over K are then sums of contiguous rows), the quadratic form expanded as z^2.c - 2 z.(m c) + m^2.c so that it is one
    BLAS product per chunk, and every intermediate preallocated and written with out=.
    """

    CHUNK = 4096

    def __init__(self, means, log_w, variances, alpha, sigma):
        c = alpha * alpha * variances + sigma * sigma
        m = alpha * means
        inv = 1.0 / c                                       # K x d
        self.inv = inv
        self.m_inv = m * inv                                # K x d
        self.log_norm = (log_w - 0.5 * (means.shape[1] * np.log(2 * np.pi) + np.log(c).sum(axis=1))
                         - 0.5 * (m * m * inv).sum(axis=1))[:, None]
        k, d, b = means.shape[0], means.shape[1], self.CHUNK
        self.terms = np.empty((k, b))
        self.scratch = np.empty((k, b))
        self.z2 = np.empty((b, d))
        self.row = np.empty((1, b))

    def __call__(self, z, out=None):
        n, d = z.shape
        out = np.empty((n, d)) if out is None else out
        for start in range(0, n, self.CHUNK):
            zc = z[start:start + self.CHUNK]
            b = zc.shape[0]
            terms, scratch, z2, row = self.terms[:, :b], self.scratch[:, :b], self.z2[:b], self.row[:, :b]
            np.multiply(zc, zc, out=z2)
            np.matmul(self.inv, z2.T, out=terms)            # z^2 . c_k
            np.matmul(self.m_inv, zc.T, out=scratch)        # z . (m_k c_k)
            terms *= -0.5
            terms += scratch
            terms += self.log_norm                          # log w_k N(z; m_k, C_k)
            np.max(terms, axis=0, keepdims=True, out=row)
            terms -= row
            np.exp(terms, out=terms)
            np.sum(terms, axis=0, keepdims=True, out=row)
            terms /= row                                    # responsibilities, K x b
            # s = sum_k r_k (m_k c_k - z c_k) = r^T (m c) - z * (r^T c)
            oc = out[start:start + b]
            np.matmul(terms.T, self.m_inv, out=oc)
            np.matmul(terms.T, self.inv, out=z2)
            z2 *= zc
            oc -= z2
        return out


class FullScore:
    """Whitening by the inverse Cholesky factor of each C_k (two BLAS products per component)."""

    def __init__(self, means, log_w, covs, alpha, sigma):
        d = means.shape[1]
        c = alpha * alpha * covs + sigma * sigma * np.eye(d)[None]
        chol = np.linalg.cholesky(c)
        self.l_inv = np.linalg.inv(chol)                    # K x d x d, lower
        self.m = alpha * means
        self.log_norm = log_w - 0.5 * (d * np.log(2 * np.pi) + 2 * np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(1))

    def __call__(self, z):
        n, d = z.shape
        k = self.m.shape[0]
        log_terms = np.empty((n, k))
        scores = np.empty((k, n, d))
        for j in range(k):
            y = (z - self.m[j]) @ self.l_inv[j].T             # whitened residual
            log_terms[:, j] = self.log_norm[j] - 0.5 * np.einsum("nd,nd->n", y, y)
            scores[j] = -(y @ self.l_inv[j])                  # -C^{-1}(z - m)
        log_terms -= log_terms.max(axis=1, keepdims=True)
        r = np.exp(log_terms)
        r /= r.sum(axis=1, keepdims=True)
        return np.einsum("nk,knd->nd", r, scores)


def dpm_solver_pp_2m(rng, n, k, d, steps):
    """DPM-Solver++(2M), log-SNR-uniform VP grid from t = 1 to 1e-3, exact diagonal-mixture score: `steps` NFE."""
    means, log_w, variances = mixture(rng, k, d, "diagonal")
    z = rng.standard_normal((n, d))
    t_grid = lambda_uniform_grid(1.0, 1e-3, steps)
    previous_x0 = None
    previous_h = None
    for i in range(steps):
        t, s = t_grid[i], t_grid[i + 1]
        alpha_t, sigma_t = vp_alpha_sigma(t)
        alpha_s, sigma_s = vp_alpha_sigma(s)
        score = DiagonalScore(means, log_w, variances, alpha_t, sigma_t)(z)
        x0 = (z + sigma_t * sigma_t * score) / alpha_t      # Tweedie
        h = np.log(alpha_s / sigma_s) - np.log(alpha_t / sigma_t)
        if previous_x0 is None:
            data = x0
        else:
            r = previous_h / h
            data = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * previous_x0
        z = (sigma_s / sigma_t) * z - alpha_s * np.expm1(-h) * data
        previous_x0, previous_h = x0, h
    assert np.isfinite(z).all(), "non-finite samples"
    return z


def lambda_uniform_grid(t_max, t_min, steps):
    def lam(t):
        a, s = vp_alpha_sigma(t)
        return np.log(a / s)
    ts = np.linspace(0, 1, 2001) * (t_max - t_min) + t_min
    lams = np.array([lam(t) for t in ts])
    targets = np.linspace(lam(t_max), lam(t_min), steps + 1)
    return np.interp(targets, lams[::-1], ts[::-1])       # lambda decreases in t; np.interp needs increasing x


def mlp_forward(w1, b1, w2, b2, w3, b3, x, activation):
    h = activation(x @ w1.T + b1)
    h = activation(h @ w2.T + b2)
    return h @ w3.T + b3


def silu(x):
    return x / (1 + np.exp(-x))


def timed(function, repeats):
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times), 1e3 * float(np.median(times))


def check_against_diffusion4j(jar):
    """Scores of 1000 points from the peer and from `diffusion4j eval` agree to 1e-9 relative (NumPy's expanded
    quadratic form loses a few digits to cancellation where |z| >> the component scale; eval prints round-trip
    decimals)."""
    import json
    import os
    import subprocess
    import tempfile
    rng = np.random.default_rng(5)
    alpha, sigma = vp_alpha_sigma(0.3)
    for cov in ("diagonal", "full"):
        k, d = (8, 2) if cov == "diagonal" else (4, 6)
        means, log_w, covariance = mixture(rng, k, d, cov)
        z = rng.uniform(-3, 3, size=(1000, d))
        score = (DiagonalScore if cov == "diagonal" else FullScore)(means, log_w, covariance, alpha, sigma)(z)
        with tempfile.TemporaryDirectory() as tmp:
            spec = {"weights": np.exp(log_w).tolist(), "means": means.tolist(),
                    ("variances" if cov == "diagonal" else "covariances"): covariance.tolist()}
            with open(os.path.join(tmp, "m.json"), "w") as f:
                json.dump(spec, f)
            np.savetxt(os.path.join(tmp, "p.csv"), z, delimiter=",", fmt="%.17g")
            result = subprocess.run(["java", "-jar", jar, "eval", "--mixture", os.path.join(tmp, "m.json"),
                                     "--schedule", "vp-linear", "--t", "0.3", "--points", os.path.join(tmp, "p.csv"),
                                     "--quantity", "score"], check=True, capture_output=True, text=True)
        reference = np.loadtxt(result.stdout.splitlines(), delimiter=",").reshape(z.shape)
        error = np.max(np.abs(score - reference) / (1 + np.abs(reference)))
        print(f"check {cov}: max relative difference to diffusion4j eval {error:.2e}")
        assert error < 1e-9, f"{cov} peer disagrees with diffusion4j: {error}"


WORKLOADS = [
    # (key matching benchmarks/compare.py, description)
    ("score_1000000_8_2_diagonal", "score n=1,000,000 K=8 d=2 diagonal"),
    ("score_100000_16_64_diagonal", "score n=100,000 K=16 d=64 diagonal"),
    ("score_100000_16_64_full", "score n=100,000 K=16 d=64 full"),
    ("dpm_solver_pp_2m", "DPM-Solver++(2M) 20 steps n=100,000 K=8 d=2"),
    ("mlp_forward", "MLP forward batch 4096, 2 x 256 SiLU"),
]


def measure():
    """@return {key: (best ms, median ms)} for every workload."""
    rng = np.random.default_rng(42)
    alpha, sigma = vp_alpha_sigma(0.3)
    results = {}
    for n, k, d, cov, repeats in [(1_000_000, 8, 2, "diagonal", 10), (100_000, 16, 64, "diagonal", 10),
                                  (100_000, 16, 64, "full", 5)]:
        means, log_w, covariance = mixture(rng, k, d, cov)
        score = (DiagonalScore if cov == "diagonal" else FullScore)(means, log_w, covariance, alpha, sigma)
        z = rng.uniform(-3, 3, size=(n, d))
        results[f"score_{n}_{k}_{d}_{cov}"] = timed(lambda: score(z), repeats)
    results["dpm_solver_pp_2m"] = timed(lambda: dpm_solver_pp_2m(np.random.default_rng(1), 100_000, 8, 2, 20), 5)
    widths = (2 + 16, 256, 256, 2)
    weights = [(rng.standard_normal((o, i)) / np.sqrt(i), rng.standard_normal(o) * 0.1)
               for i, o in zip(widths[:-1], widths[1:])]
    x = rng.uniform(-1, 1, size=(4096, widths[0]))
    flat = [a for pair in weights for a in pair]
    results["mlp_forward"] = timed(lambda: mlp_forward(*flat, x, silu), 20)
    return results


def main():
    results = measure()
    print(f"numpy {np.__version__}")
    print("| workload | best ms | median ms |")
    print("|---|---|---|")
    for key, name in WORKLOADS:
        best, median = results[key]
        print(f"| {name} | {best:.1f} | {median:.1f} |")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check_against_diffusion4j(sys.argv[2])
    else:
        main()
