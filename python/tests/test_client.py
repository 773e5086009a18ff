"""The client against a real server (``serve --problem gauss2 --schedule vp-linear``; URL in $DIFFUSION4J_URL).

gauss2 is one Gaussian N(m, C), m = (1, −0.5), C = [[1, 0.6], [0.6, 0.5]], so every quantity has a closed form that
NumPy computes independently: p_t = N(α m, S), S = α² C + σ² I, score −S⁻¹(x − α m).
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from diffusion4j_client import Oracle, OracleError, row  # noqa: E402

URL = os.environ.get("DIFFUSION4J_URL", "http://127.0.0.1:8765")
MEAN = np.array([1.0, -0.5])
COV = np.array([[1.0, 0.6], [0.6, 0.5]])
# Closed forms are evaluated in a different order of operations than the server's: agreement to 1e-12 relative.
RTOL = 1e-12


class ClientTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.oracle = Oracle(URL)
        cls.json = Oracle(URL, format="json")
        cls.x = np.random.default_rng(0).normal(size=(50, 2)) * 2

    def marginal(self, t):
        s = self.oracle.schedule(t)
        return s["alpha"], s["sigma"], s["alpha"] * MEAN, s["alpha"] ** 2 * COV + s["sigma"] ** 2 * np.eye(2)

    def test_info_describes_gauss2(self):
        info = self.oracle.info()
        self.assertEqual(info["data"], "gauss2")
        self.assertEqual(info["dimension"], 2)
        self.assertEqual(info["components"], 1)
        np.testing.assert_array_equal(info["mean"], MEAN)
        np.testing.assert_array_equal(info["covariance"], COV)
        self.assertIn("score", info["quantities"])

    def test_score_and_log_density_match_the_closed_form(self):
        for t in (0.05, 0.5, 0.95):
            alpha, sigma, m, s = self.marginal(t)
            expected = -np.linalg.solve(s, (self.x - m).T).T
            np.testing.assert_allclose(self.oracle.score(self.x, t), expected, rtol=RTOL, atol=1e-13)
            r = self.x - m
            quadratic = np.einsum("ij,ij->i", r, np.linalg.solve(s, r.T).T)
            log_density = -0.5 * (quadratic + np.log(np.linalg.det(2 * np.pi * s)))
            np.testing.assert_allclose(self.oracle.log_density(self.x, t), log_density, rtol=RTOL)

    def test_predictions_are_consistent(self):
        t = 0.3
        alpha, sigma, _, _ = self.marginal(t)
        score = self.oracle.score(self.x, t)
        eps = self.oracle.eps(self.x, t)
        x0 = self.oracle.x0(self.x, t)
        np.testing.assert_allclose(eps, -sigma * score, rtol=RTOL, atol=1e-14)
        np.testing.assert_allclose(x0, (self.x + sigma ** 2 * score) / alpha, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(self.oracle.v(self.x, t), alpha * eps - sigma * x0, rtol=1e-10, atol=1e-12)

    def test_json_and_npy_answers_are_the_same_bits(self):
        for quantity in ("score", "x0", "log-density", "responsibilities"):
            np.testing.assert_array_equal(self.oracle.eval(quantity, self.x, 0.4),
                                          self.json.eval(quantity, self.x, 0.4))

    def test_one_point(self):
        self.assertEqual(self.oracle.score(self.x[0], 0.5).shape, (2,))
        self.assertIsInstance(float(self.oracle.log_density(self.x[0], 0.5)), float)

    def test_samples_are_deterministic_and_exact(self):
        a = self.oracle.sample(0.5, 20000, seed=3)
        self.assertEqual(a.shape, (20000, 2))
        np.testing.assert_array_equal(a, self.oracle.sample(0.5, 20000, seed=3))
        self.assertFalse(np.array_equal(a, self.oracle.sample(0.5, 20000, seed=4)))
        _, _, m, s = self.marginal(0.5)
        # Five standard errors of the sample mean: a false alarm has probability below 1e-6 per coordinate.
        np.testing.assert_array_less(np.abs(a.mean(axis=0) - m), 5 * np.sqrt(np.diag(s) / len(a)))

    def test_assess_exact_samples_and_the_gaussian_route(self):
        _, _, m, s = self.marginal(0.01)
        # The verdict's family-wise false-alarm rate is at most 0.01; seed 5 is fixed.
        report = self.oracle.assess(self.oracle.sample(0.01, 3000, seed=5), 0.01)
        self.assertEqual(report["rejected_by"], [])
        self.assertLess(abs(row(report, "kl-knn")["value"]), 0.1)
        self.assertAlmostEqual(row(self.oracle.assess_gaussian(m, s, 0.01), "kl")["value"], 0.0, delta=1e-12)
        delta = np.array([0.02, -0.01])
        shifted = self.oracle.assess_gaussian(m + delta, s, 0.01)
        expected = 0.5 * delta @ np.linalg.solve(s, delta)
        self.assertAlmostEqual(row(shifted, "kl")["value"] / expected, 1.0, delta=1e-9)
        self.assertAlmostEqual(row(shifted, "w2")["value"], np.linalg.norm(delta), delta=1e-7)

    def test_bad_requests_raise_with_the_servers_message(self):
        cases = [
            (lambda: self.oracle.eval("scor", self.x, 0.5), "unknown quantity 'scor'"),
            (lambda: self.oracle.score(self.x, 1.5), "outside the domain"),
            (lambda: self.oracle.score(np.array([[0.0, np.nan]]), 0.5), "row 0, column 1"),
            (lambda: self.oracle.score(np.zeros((3, 3)), 0.5), "2"),
            (lambda: self.oracle.request("POST", "/v1/eval?quantity=score&t=0.5", b"not npy", "application/x-npy"),
             "npy"),
        ]
        for call, fragment in cases:
            with self.assertRaises(OracleError) as caught:
                call()
            self.assertEqual(caught.exception.status, 400)
            self.assertIn(fragment, caught.exception.message)
        with self.assertRaises(OracleError) as caught:
            self.oracle.request("GET", "/v1/nope")
        self.assertEqual(caught.exception.status, 404)


if __name__ == "__main__":
    unittest.main()
