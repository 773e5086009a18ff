package io.github.diffusion4j.solve;

import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;

/** Helpers shared by the solver tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return the exact marginal law at t of single-Gaussian data */
    static GaussianLaw marginalLaw(GaussianMixture gaussian, NoiseSchedule schedule, double t) {
        int d = gaussian.dimension();
        MixtureMarginal m = gaussian.marginal().setTime(schedule, t);
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        m.mean(mean);
        m.covariance(cov);
        return new GaussianLaw(mean, cov);
    }

    /** @return the largest absolute difference of means and covariance entries (the weak-error metric) */
    static double momentError(GaussianLaw a, GaussianLaw b) {
        double[] ma = a.mean();
        double[] mb = b.mean();
        double[] ca = a.covariance();
        double[] cb = b.covariance();
        double error = 0;
        for (int i = 0; i < ma.length; i++) {
            error = Math.max(error, Math.abs(ma[i] - mb[i]));
        }
        for (int i = 0; i < ca.length; i++) {
            error = Math.max(error, Math.abs(ca[i] - cb[i]));
        }
        return error;
    }

    /** @return n reproducible standard-normal points scaled by {@code scale}, row-major */
    static double[] normalPoints(int n, int d, double scale, long seed) {
        double[] z = new CounterNoise(seed).normals(n, d);
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
        }
        return z;
    }

    /** @return 1/N for each step count (proportional to the step size on a fixed span) */
    static double[] stepSizes(int[] steps) {
        double[] h = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            h[i] = 1.0 / steps[i];
        }
        return h;
    }
}
