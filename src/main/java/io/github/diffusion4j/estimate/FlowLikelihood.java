package io.github.diffusion4j.estimate;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * The likelihood of points under the probability-flow ODE by the instantaneous change of variables (Chen et al. 2018;
 * Song et al. 2021, §4.3; docs/THEORY.md §3):
 * <pre>
 *   log p_{t₀}(x) = log p_{t₁}(z(t₁)) + ∫_{t₀}^{t₁} ∇·u_t(z(t)) dt,    dz/dt = u_t(z) = f z − ½ g² s_θ(t, z),  z(t₀) = x
 *   ∇·u_t = f d − ½ g² ∇·s_θ
 * </pre>
 * (along the flow {@code d log p_t(z_t)/dt = −∇·u_t}, from the continuity equation). The augmented system (z, ℓ) is
 * integrated forward in time with classical RK4 over the times of a {@link TimeGrid} taken in reverse (from its last,
 * smallest time t₀ to its first t₁); the error is O(h⁴).
 *
 * <p>The divergence is either exact — {@link DifferentiableScoreModel#divergence} — or Hutchinson's estimate
 * {@code vᵀ (∇u) v = f vᵀv − ½ g² vᵀ(∇s_θ)v} averaged over M probes per point, each probe fixed along the whole
 * trajectory as in FFJORD (Grathwohl et al. 2019), so the estimate of the integral is unbiased. {@code vᵀ(∇s_θ)v}
 * comes from the model's Jacobian when it has one, else from the central difference
 * {@code vᵀ(s(z + εv) − s(z − εv))/(2ε)}, ε = 10⁻⁴(1 + ‖z‖_∞)/‖v‖_∞ (truncation O(ε²), rounding O(10⁻¹²)).
 */
public final class FlowLikelihood {

    /** How the divergence is computed. */
    public enum Divergence {
        /** Exact, from the model's Jacobian trace. */
        EXACT,
        /** Hutchinson with Rademacher probes. */
        RADEMACHER,
        /** Hutchinson with Gaussian probes. */
        GAUSSIAN
    }

    private final ScoreModel model;
    private final NoiseSchedule schedule;
    private final Divergence divergence;
    private final int probes;
    private final long seed;

    /**
     * @param model      the score model
     * @param schedule   its schedule (f and g² must be finite on the grid)
     * @param divergence exact or Hutchinson
     * @param probes     Hutchinson probes per point (ignored for EXACT), ≥ 1
     * @param seed       seed of the probes
     */
    public FlowLikelihood(ScoreModel model, NoiseSchedule schedule, Divergence divergence, int probes, long seed) {
        if (divergence == Divergence.EXACT && !(model instanceof DifferentiableScoreModel)) {
            throw new IllegalArgumentException("the exact divergence needs a DifferentiableScoreModel, got "
                    + model.getClass().getSimpleName());
        }
        if (probes < 1) {
            throw new IllegalArgumentException("need at least one probe, got " + probes);
        }
        this.model = model;
        this.schedule = schedule;
        this.divergence = divergence;
        this.probes = probes;
        this.seed = seed;
    }

    /**
     * @param grid     times; points live at {@code grid.end()} and are carried to {@code grid.start()}
     * @param x        points, row-major n × d. Not modified.
     * @param n        number of points
     * @param terminal log-density at {@code grid.start()} (e.g. the exact marginal, or the prior)
     * @param out      receives log p_{grid.end()}(x_i). Modified.
     */
    public void logDensity(TimeGrid grid, double[] x, int n, BatchLogDensity terminal, double[] out) {
        int d = model.dimension();
        if (x.length < n * d || out.length < n) {
            throw new IllegalArgumentException("need " + n + " points of dimension " + d + " and " + n
                    + " outputs, got arrays of length " + x.length + " and " + out.length);
        }
        double[] times = grid.times();
        for (double t : times) {
            if (!Double.isFinite(schedule.drift(t)) || !Double.isFinite(schedule.diffusionSquared(t))) {
                throw new IllegalArgumentException("the flow likelihood needs finite f and g² at every grid time, not"
                        + " at t = " + t);
            }
        }
        double[] v = probeVectors(n, d);
        Work w = new Work(n, d);
        double[] z = java.util.Arrays.copyOf(x, n * d);
        double[] integral = new double[n];
        for (int j = times.length - 1; j > 0; j--) {
            double t0 = times[j];
            double h = times[j - 1] - t0;
            rk4Step(t0, h, times[j - 1], z, integral, n, d, v, w);
        }
        terminal.logDensity(z, n, out);
        for (int i = 0; i < n; i++) {
            out[i] += integral[i];
        }
    }

    private double[] probeVectors(int n, int d) {
        if (divergence == Divergence.EXACT) {
            return null;
        }
        CounterNoise noise = new CounterNoise(seed);
        double[] v = new double[probes * n * d];
        double[] row = new double[d];
        for (int m = 0; m < probes; m++) {
            for (int i = 0; i < n; i++) {
                noise.normals(i, -3, m, row);
                System.arraycopy(row, 0, v, (m * n + i) * d, d);
            }
        }
        Hutchinson.toProbe(v, v.length, divergence == Divergence.RADEMACHER
                ? Hutchinson.Probe.RADEMACHER : Hutchinson.Probe.GAUSSIAN);
        return v;
    }

    /** Scratch for the RK4 stages. */
    private static final class Work {
        final double[] stage;
        final double[][] slope;
        final double[][] rate;
        final double[] score;
        final double[] jacobian;
        final double[] shifted;
        final double[] shiftedScore;
        final double[] minusScore;
        final double[] epsilon;

        Work(int n, int d) {
            stage = new double[n * d];
            slope = new double[4][n * d];
            rate = new double[4][n];
            score = new double[n * d];
            jacobian = new double[n * d * d];
            shifted = new double[n * d];
            shiftedScore = new double[n * d];
            minusScore = new double[n * d];
            epsilon = new double[n];
        }
    }

    private void rk4Step(double t0, double h, double t1, double[] z, double[] integral, int n, int d, double[] v,
                         Work w) {
        double[] times = {t0, t0 + 0.5 * h, t0 + 0.5 * h, t1};
        double[] weights = {0, 0.5, 0.5, 1};
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < n * d; i++) {
                w.stage[i] = k == 0 ? z[i] : z[i] + weights[k] * h * w.slope[k - 1][i];
            }
            velocityAndDivergence(times[k], w.stage, n, d, v, w.slope[k], w.rate[k], w);
        }
        for (int i = 0; i < n * d; i++) {
            z[i] += h / 6 * (w.slope[0][i] + 2 * w.slope[1][i] + 2 * w.slope[2][i] + w.slope[3][i]);
        }
        for (int i = 0; i < n; i++) {
            integral[i] += h / 6 * (w.rate[0][i] + 2 * w.rate[1][i] + 2 * w.rate[2][i] + w.rate[3][i]);
        }
    }

    private void velocityAndDivergence(double t, double[] z, int n, int d, double[] v, double[] velocity,
                                       double[] rate, Work w) {
        double f = schedule.drift(t);
        double g2 = schedule.diffusionSquared(t);
        model.score(t, z, 0, n, w.score);
        for (int i = 0; i < n * d; i++) {
            velocity[i] = f * z[i] - 0.5 * g2 * w.score[i];
        }
        if (divergence == Divergence.EXACT) {
            ((DifferentiableScoreModel) model).divergence(t, z, 0, n, rate);
            for (int i = 0; i < n; i++) {
                rate[i] = f * d - 0.5 * g2 * rate[i];
            }
            return;
        }
        java.util.Arrays.fill(rate, 0, n, 0.0);
        boolean analytic = model instanceof DifferentiableScoreModel;
        if (analytic) {
            ((DifferentiableScoreModel) model).jacobian(t, z, 0, n, w.jacobian);
        }
        for (int m = 0; m < probes; m++) {
            int base = m * n * d;
            if (!analytic) {
                directionalDerivative(t, z, n, d, v, base, w);
            }
            for (int i = 0; i < n; i++) {
                double vv = 0;
                for (int a = 0; a < d; a++) {
                    vv += v[base + i * d + a] * v[base + i * d + a];
                }
                double form = analytic ? Hutchinson.quadraticForm(w.jacobian, i * d * d, d, slice(v, base + i * d, d, w))
                        : dot(v, base + i * d, w.shiftedScore, i * d, d);
                rate[i] += (f * vv - 0.5 * g2 * form) / probes;
            }
        }
    }

    private static double[] slice(double[] v, int offset, int d, Work w) {
        System.arraycopy(v, offset, w.shifted, 0, d);
        return w.shifted;
    }

    private static double dot(double[] a, int offsetA, double[] b, int offsetB, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += a[offsetA + j] * b[offsetB + j];
        }
        return sum;
    }

    /** w.shiftedScore ← (s(z + εv) − s(z − εv))/(2ε) per point, the Jacobian–vector product by central differences. */
    private void directionalDerivative(double t, double[] z, int n, int d, double[] v, int base, Work w) {
        double[] epsilon = w.epsilon;
        for (int i = 0; i < n; i++) {
            double zMax = 0;
            double vMax = 0;
            for (int a = 0; a < d; a++) {
                zMax = Math.max(zMax, Math.abs(z[i * d + a]));
                vMax = Math.max(vMax, Math.abs(v[base + i * d + a]));
            }
            epsilon[i] = 1e-4 * (1 + zMax) / Math.max(vMax, 1e-300);
            for (int a = 0; a < d; a++) {
                w.shifted[i * d + a] = z[i * d + a] + epsilon[i] * v[base + i * d + a];
            }
        }
        model.score(t, w.shifted, 0, n, w.shiftedScore);
        for (int i = 0; i < n * d; i++) {
            w.shifted[i] = z[i] - epsilon[i / d] * v[base + i];
        }
        model.score(t, w.shifted, 0, n, w.minusScore);
        for (int i = 0; i < n * d; i++) {
            w.shiftedScore[i] = (w.shiftedScore[i] - w.minusScore[i]) / (2 * epsilon[i / d]);
        }
    }
}
