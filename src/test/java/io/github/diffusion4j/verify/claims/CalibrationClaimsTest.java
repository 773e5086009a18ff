package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * E1–E4 pass on the library's estimators, and the test they rest on ({@link Calibration}) rejects the miscalibrations
 * the claims exist for: a normal quantile where Student's t with 2 degrees of freedom belongs (coverage 0.81, not
 * 0.95), an interval half as wide as it should be, and an estimate shifted by a third of its standard error. Each
 * replication set is seeded; the rejections are far outside the 10⁻³ bands (coverage 0.81 lies 20 standard deviations
 * below 0.95 at R = 1,000).
 */
class CalibrationClaimsTest {

    @Test
    void everyCalibrationClaimPassesOnTheLibrarysEstimators() {
        for (BaseClaim claim : List.of(new NearestNeighborKlClaim(), new MmdClaim(), new ExactKlClaim(),
                new OrderFitClaim())) {
            ClaimResult r = claim.check(VerificationContext.defaults());
            System.out.println(r.id() + ": " + r.measured());
            assertEquals(Verdict.PASS, r.verdict(), r.id() + ": " + r.failures());
            assertTrue(r.checks().stream().anyMatch(c -> c.configuration().contains("coverage")), r.id());
        }
    }

    @Test
    void theClosedFormsAreThoseOfAnIndependentDerivation() {
        GaussianPair pair = GaussianPair.distinct();
        // KL(N₀ ‖ N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀ Σ₁⁻¹ (μ₁ − μ₀) − d + log(det Σ₁ / det Σ₀)], 2 × 2 inverse by hand.
        double[][] s0 = GaussianPair.COVARIANCE_P;
        double[][] s1 = GaussianPair.COVARIANCE_Q;
        double det0 = s0[0][0] * s0[1][1] - s0[0][1] * s0[1][0];
        double det1 = s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0];
        double[][] inv1 = {{s1[1][1] / det1, -s1[0][1] / det1}, {-s1[1][0] / det1, s1[0][0] / det1}};
        double trace = inv1[0][0] * s0[0][0] + inv1[0][1] * s0[1][0] + inv1[1][0] * s0[0][1] + inv1[1][1] * s0[1][1];
        double[] dm = {GaussianPair.MEAN_Q[0] - GaussianPair.MEAN_P[0], GaussianPair.MEAN_Q[1] - GaussianPair.MEAN_P[1]};
        double mahalanobis = dm[0] * (inv1[0][0] * dm[0] + inv1[0][1] * dm[1])
                + dm[1] * (inv1[1][0] * dm[0] + inv1[1][1] * dm[1]);
        double kl = 0.5 * (trace + mahalanobis - 2 + Math.log(det1 / det0));
        assertEquals(kl, pair.klDivergence(), 1e-14);
        assertEquals(0, MmdClaim.squaredMmd(GaussianPair.equal()), 1e-15);
        // MMD² at h = 1 by a 400 × 400 midpoint rule on [−8, 8]² over w = x − y ~ N(δ, S), for each of its three terms.
        assertEquals(quadratureMmd(pair), MmdClaim.squaredMmd(pair), 1e-6);
    }

    @Test
    void aNormalQuantileOnTwoDegreesOfFreedomFailsCoverage() {
        Calibration calibration = new Calibration("slope", 2, 1000);
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int r = 0; r < 1000; r++) {
            // a Student-t(2) pivot: (estimate − θ)/se ~ t₂ with se from a χ²₂ residual
            double estimate = 2 + 0.1 * normal.sample();
            double se = 0.1 * Math.sqrt((square(normal.sample()) + square(normal.sample())) / 2);
            calibration.add(new Estimate(estimate, se, estimate - z * se, estimate + z * se, 0.95));
        }
        Check coverage = calibration.coverage(0.95);
        assertEquals(Verdict.FAIL, coverage.verdict(), coverage.toString());
        assertEquals(0.81, coverage.measured(), 0.03);
        assertEquals(Verdict.PASS, calibration.bias().verdict(), "the estimate itself is unbiased");
    }

    @Test
    void anIntervalHalfAsWideAndAnEstimateShiftedByAThirdOfItsErrorFail() {
        Calibration narrow = new Calibration("narrow", 0, 200);
        Calibration shifted = new Calibration("shifted", 0, 1000);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int r = 0; r < 1000; r++) {
            double e = normal.sample();
            if (r < 200) {
                narrow.add(Estimate.normal(e, 0.5, 0.95));
            }
            shifted.add(Estimate.normal(e + 1 / 3.0, 1, 0.95));
        }
        assertEquals(Verdict.FAIL, narrow.coverage(0.95).verdict(), narrow.coverage(0.95).toString());
        assertEquals(Verdict.FAIL, shifted.bias().verdict(), shifted.bias().toString());
        assertEquals(Verdict.PASS, shifted.coverage(0.95).verdict(),
                "a third of a standard error barely moves coverage (0.94): bias needs its own check");
    }

    private static double quadratureMmd(GaussianPair pair) {
        GaussianLaw[] laws = new GaussianLaw[3];
        double[][] sp = pair.p().covariance(0);
        double[][] sq = pair.q().covariance(0);
        double[] mp = pair.p().mean(0);
        double[] mq = pair.q().mean(0);
        laws[0] = law(new double[2], sp, sp);
        laws[1] = law(new double[2], sq, sq);
        laws[2] = law(new double[] {mp[0] - mq[0], mp[1] - mq[1]}, sp, sq);
        double[] terms = new double[3];
        int cells = 400;
        double width = 16.0 / cells;
        double[] point = new double[2];
        double[] log = new double[1];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    point[0] = -8 + (i + 0.5) * width;
                    point[1] = -8 + (j + 0.5) * width;
                    laws[k].logDensity(point, 1, log);
                    terms[k] += Math.exp(log[0] - 0.5 * (point[0] * point[0] + point[1] * point[1])) * width * width;
                }
            }
        }
        return terms[0] + terms[1] - 2 * terms[2];
    }

    private static GaussianLaw law(double[] mean, double[][] a, double[][] b) {
        return new GaussianLaw(mean, new double[] {a[0][0] + b[0][0], a[0][1] + b[0][1], a[1][0] + b[1][0],
                a[1][1] + b[1][1]});
    }

    private static double square(double x) {
        return x * x;
    }
}
