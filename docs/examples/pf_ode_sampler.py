"""A probability-flow ODE sampler written outside diffusion4j, for `converge --external`.

Euler (order 1) or Heun (order 2) on dz/dt = -1/2 beta(t) (z + grad log p_t(z)) for Gaussian data N(mu, Sigma)
under the vp-linear schedule: p_t = N(alpha mu, alpha^2 Sigma + sigma^2 I), alpha = exp(-t^2 (b1 - b0)/4 - t b0/2),
sigma^2 = 1 - alpha^2, beta(t) = b0 + t (b1 - b0), b0 = 0.1, b1 = 20. NumPy only.

    python3 pf_ode_sampler.py euler|heun TIMES INIT OUT [--mean 1,-0.5] [--cov 1,0.6,0.6,0.5]

TIMES: one time per line, decreasing; INIT: float64 (n, d) .npy; OUT: where the final points are written, same shape.
The defaults are diffusion4j's built-in problem gauss2.
"""
import argparse

import numpy as np

B0, B1 = 0.1, 20.0


def velocity(z, t, mean, cov):
    log_alpha = -0.25 * t * t * (B1 - B0) - 0.5 * t * B0
    alpha = np.exp(log_alpha)
    sigma2 = -np.expm1(2 * log_alpha)
    c = alpha * alpha * cov + sigma2 * np.eye(len(mean))
    score = -np.linalg.solve(c, (z - alpha * mean).T).T
    return -0.5 * (B0 + t * (B1 - B0)) * (z + score)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("method", choices=["euler", "heun"])
    parser.add_argument("times")
    parser.add_argument("init")
    parser.add_argument("out")
    parser.add_argument("--mean", default="1,-0.5")
    parser.add_argument("--cov", default="1,0.6,0.6,0.5")
    args = parser.parse_args()
    times = np.loadtxt(args.times, dtype=np.float64, ndmin=1)
    z = np.load(args.init)
    mean = np.array([float(v) for v in args.mean.split(",")])
    cov = np.array([float(v) for v in args.cov.split(",")]).reshape(len(mean), len(mean))
    for t0, t1 in zip(times[:-1], times[1:]):
        h = t1 - t0
        k1 = velocity(z, t0, mean, cov)
        if args.method == "euler":
            z = z + h * k1
        else:
            k2 = velocity(z + h * k1, t1, mean, cov)
            z = z + 0.5 * h * (k1 + k2)
    np.save(args.out, z.astype(np.float64))


if __name__ == "__main__":
    main()
