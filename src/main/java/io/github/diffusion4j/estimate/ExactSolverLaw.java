package io.github.diffusion4j.estimate;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.NoiseSource;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * The exact output law of a fixed-grid solver when the score is affine — Gaussian data (K = 1) with the exact score
 * (THEORY.md §6). Then every solver's run is an affine map of the initial point and of the normal draws,
 * <pre>
 *   z_end = M z_start + c + Σ_{j, m} N_{j,m} ξ_{j,m},
 * </pre>
 * so for {@code z_start ~ N(μ, P)} the output is exactly {@code N(M μ + c, M P Mᵀ + Σ N_{j,m} N_{j,m}ᵀ)} — no Monte
 * Carlo. M, c and the N's are read off by running the solver's own code on probe particles: one at the origin
 * with no noise (c), one per unit vector e_k with no noise (M e_k + c), and one per (step, draw, coordinate) at the
 * origin with that single normal set to 1 (N e_k + c). That is 1 + d + N·draws·d particles, integrated once; the
 * cost is independent of how many samples the law stands for. An extra probe checks the map is affine (to 10⁻⁹
 * relative), so a nonlinear model or solver (e.g. the predictor–corrector's norm-based step) is reported, not
 * silently mis-propagated.
 */
public final class ExactSolverLaw {

    private ExactSolverLaw() {
    }

    /**
     * @param solver   a fixed-grid solver
     * @param model    an affine score model (e.g. the exact score of a single Gaussian)
     * @param schedule the model's schedule
     * @param grid     the time grid
     * @param initial  the law of the starting points
     * @return the exact law of the solver's output
     * @throws IllegalArgumentException if the solver is adaptive or the map is not affine
     */
    public static GaussianLaw propagate(Solver solver, ScoreModel model, NoiseSchedule schedule, TimeGrid grid,
                                        GaussianLaw initial) {
        if (solver.isAdaptive()) {
            throw new IllegalArgumentException("the exact law needs a fixed grid; " + solver.name()
                    + " chooses its steps per batch");
        }
        int d = model.dimension();
        if (initial.dimension() != d) {
            throw new IllegalArgumentException("initial law has dimension " + initial.dimension() + ", model " + d);
        }
        int steps = grid.steps();
        int draws = solver.drawsPerStep();
        int noiseProbes = steps * draws * d;
        int probes = 2 + d + noiseProbes;
        int linearityProbe = 1 + d + noiseProbes;
        double[] z = new double[probes * d];
        for (int k = 0; k < d; k++) {
            z[(1 + k) * d + k] = 1.0;
        }
        for (int k = 0; k < d; k++) {
            z[linearityProbe * d + k] = 0.5 + 0.25 * k;
        }
        Integrator.of(solver, model, schedule).noise(new ProbeNoise(d, draws, 1 + d, linearityProbe))
                .chunkSize(probes).integrate(grid, z, probes);
        double[] offset = new double[d];
        System.arraycopy(z, 0, offset, 0, d);
        double[] map = new double[d * d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                map[i * d + k] = z[(1 + k) * d + i] - offset[i];
            }
        }
        checkAffine(z, offset, map, linearityProbe, d, noiseProbes);
        double[] initialMean = initial.mean();
        double[] initialCovariance = initial.covariance();
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = offset[i];
            for (int k = 0; k < d; k++) {
                mean[i] += map[i * d + k] * initialMean[k];
            }
        }
        double[] covariance = new double[d * d];
        double[] mp = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int l = 0; l < d; l++) {
                    sum += map[i * d + l] * initialCovariance[l * d + k];
                }
                mp[i * d + k] = sum;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += mp[i * d + k] * map[j * d + k];
                }
                covariance[i * d + j] = sum;
            }
        }
        for (int p = 0; p < noiseProbes; p++) {
            int row = (1 + d + p) * d;
            for (int i = 0; i < d; i++) {
                double ni = z[row + i] - offset[i];
                for (int j = 0; j < d; j++) {
                    covariance[i * d + j] += ni * (z[row + j] - offset[j]);
                }
            }
        }
        return new GaussianLaw(mean, covariance);
    }

    private static void checkAffine(double[] z, double[] offset, double[] map, int probe, int d, int noiseProbes) {
        for (int i = 0; i < d; i++) {
            double predicted = offset[i];
            double scale = Math.abs(offset[i]);
            for (int k = 0; k < d; k++) {
                double x = 0.5 + 0.25 * k;
                predicted += map[i * d + k] * x;
                scale += Math.abs(map[i * d + k] * x);
            }
            // the linearity probe also receives every noise draw equal to 1: add Σ N columns
            for (int p = 0; p < noiseProbes; p++) {
                double column = z[(1 + d + p) * d + i] - offset[i];
                predicted += column;
                scale += Math.abs(column);
            }
            double actual = z[probe * d + i];
            if (!(Math.abs(actual - predicted) <= 1e-9 * (1 + scale))) {
                throw new IllegalArgumentException("the solver's map is not affine (coordinate " + i + ": " + actual
                        + " vs affine prediction " + predicted + "); the exact law needs Gaussian data with the exact "
                        + "score and a solver whose update is linear in the state and the noise");
            }
        }
    }

    /**
     * Noise for the probes: particle {@code first + p} for p &lt; N·draws·d gets a single 1 at its (step, draw,
     * coordinate); the linearity probe gets 1 everywhere; all other particles get 0.
     */
    private static final class ProbeNoise implements NoiseSource {
        private final int dimension;
        private final int draws;
        private final int firstNoiseProbe;
        private final int linearityProbe;

        ProbeNoise(int dimension, int draws, int firstNoiseProbe, int linearityProbe) {
            this.dimension = dimension;
            this.draws = draws;
            this.firstNoiseProbe = firstNoiseProbe;
            this.linearityProbe = linearityProbe;
        }

        @Override
        public void normals(int step, int draw, double t0, double t1, int firstParticle, int count, int dim,
                            double[] out) {
            java.util.Arrays.fill(out, 0, count * dim, 0.0);
            for (int p = 0; p < count; p++) {
                int particle = firstParticle + p;
                if (particle == linearityProbe) {
                    java.util.Arrays.fill(out, p * dim, (p + 1) * dim, 1.0);
                    continue;
                }
                int index = particle - firstNoiseProbe;
                if (index < 0 || index >= linearityProbe - firstNoiseProbe) {
                    continue;
                }
                int coordinate = index % dimension;
                int drawIndex = (index / dimension) % draws;
                int stepIndex = index / (dimension * draws);
                if (stepIndex == step && drawIndex == draw) {
                    out[p * dim + coordinate] = 1.0;
                }
            }
        }
    }
}
