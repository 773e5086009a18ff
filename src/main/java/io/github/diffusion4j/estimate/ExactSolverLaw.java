package io.github.diffusion4j.estimate;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.NoiseSource;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * The exact output law of a fixed-grid solver when the score is affine — Gaussian data (K = 1) with the exact score
 * (docs/THEORY.md §6). Then every step is an affine map of the state and of the step's normal draws,
 * <pre>
 *   z_{j+1} = A_j z_j + b_j + Σ_m B_{j,m} ξ_{j,m},
 * </pre>
 * so a Gaussian law stays Gaussian: {@code μ ← A μ + b}, {@code P ← A P Aᵀ + Σ_m B_{j,m} B_{j,m}ᵀ} — no Monte Carlo.
 * The maps are read off by running the solver's own code on probe particles: one at the current mean with no noise
 * (its image is the new mean), one per unit direction around it (the columns of A), and one per (draw, coordinate)
 * with that single normal set to 1 (the columns of B). Per step that is 1 + d + draws·d particles advanced by one
 * step ({@link Integrator#integrate(TimeGrid, int, int, double[], int)}), so the whole propagation costs
 * O(steps · d³) for the exact score — independent of how many samples the law stands for.
 *
 * <p>Multistep solvers read history left by earlier steps, which a single-step probe cannot set; for them the whole
 * run is probed at once (one probe per draw of every step: O(steps² · d³)). An extra probe checks that each map is
 * affine (to 10⁻⁹ relative), so a nonlinear model or solver (e.g. the predictor–corrector's norm-based step) is
 * reported, not silently mis-propagated.
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
     * @throws IllegalArgumentException if the solver is adaptive or a map is not affine
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
        if (solver.isMultistep()) {
            return advance(solver, model, schedule, grid, 0, grid.steps(), initial);
        }
        GaussianLaw law = initial;
        for (int j = 0; j < grid.steps(); j++) {
            law = advance(solver, model, schedule, grid, j, j + 1, law);
        }
        return law;
    }

    /** Probes the affine map of steps [first, last) and pushes the law through it. */
    private static GaussianLaw advance(Solver solver, ScoreModel model, NoiseSchedule schedule, TimeGrid grid,
                                       int first, int last, GaussianLaw law) {
        int d = model.dimension();
        int draws = solver.drawsPerStep();
        int noiseProbes = (last - first) * draws * d;
        int firstNoiseProbe = 1 + d;
        int linearityProbe = firstNoiseProbe + noiseProbes;
        int probes = linearityProbe + 1;
        double[] mean = law.mean();
        double[] z = new double[probes * d];
        for (int p = 0; p < probes; p++) {
            System.arraycopy(mean, 0, z, p * d, d);
        }
        for (int k = 0; k < d; k++) {
            z[(1 + k) * d + k] += 1.0;
            z[linearityProbe * d + k] += 0.5 + 0.25 * k;
        }
        Integrator.of(solver, model, schedule)
                .noise(new ProbeNoise(d, draws, first, firstNoiseProbe, linearityProbe))
                .chunkSize(probes).integrate(grid, first, last, z, probes);
        double[] image = new double[d];
        System.arraycopy(z, 0, image, 0, d);
        double[] map = new double[d * d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                map[i * d + k] = z[(1 + k) * d + i] - image[i];
            }
        }
        checkAffine(z, image, map, linearityProbe, firstNoiseProbe, noiseProbes, d);
        double[] covariance = transform(map, law.covariance(), d);
        for (int p = 0; p < noiseProbes; p++) {
            int row = (firstNoiseProbe + p) * d;
            for (int i = 0; i < d; i++) {
                double ni = z[row + i] - image[i];
                for (int j = 0; j < d; j++) {
                    covariance[i * d + j] += ni * (z[row + j] - image[j]);
                }
            }
        }
        return new GaussianLaw(image, covariance);
    }

    /** @return M P Mᵀ */
    private static double[] transform(double[] map, double[] covariance, int d) {
        double[] mp = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int l = 0; l < d; l++) {
                    sum += map[i * d + l] * covariance[l * d + k];
                }
                mp[i * d + k] = sum;
            }
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += mp[i * d + k] * map[j * d + k];
                }
                out[i * d + j] = sum;
            }
        }
        return out;
    }

    /**
     * The linearity probe started at mean + x with x_k = 0.5 + 0.25 k and received every normal equal to 1; an affine
     * map sends it to image + M x + Σ (noise columns).
     */
    private static void checkAffine(double[] z, double[] image, double[] map, int probe, int firstNoiseProbe,
                                    int noiseProbes, int d) {
        for (int i = 0; i < d; i++) {
            double predicted = image[i];
            double scale = Math.abs(image[i]);
            for (int k = 0; k < d; k++) {
                double term = map[i * d + k] * (0.5 + 0.25 * k);
                predicted += term;
                scale += Math.abs(term);
            }
            for (int p = 0; p < noiseProbes; p++) {
                double column = z[(firstNoiseProbe + p) * d + i] - image[i];
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
     * Noise for the probes: noise probe p (counted from {@code firstNoiseProbe}) gets a single 1 at its (step, draw,
     * coordinate), steps counted from {@code firstStep}; the linearity probe gets 1 everywhere; others get 0.
     */
    private static final class ProbeNoise implements NoiseSource {
        private final int dimension;
        private final int draws;
        private final int firstStep;
        private final int firstNoiseProbe;
        private final int linearityProbe;

        ProbeNoise(int dimension, int draws, int firstStep, int firstNoiseProbe, int linearityProbe) {
            this.dimension = dimension;
            this.draws = draws;
            this.firstStep = firstStep;
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
                int stepIndex = firstStep + index / (dimension * draws);
                if (stepIndex == step && drawIndex == draw) {
                    out[p * dim + coordinate] = 1.0;
                }
            }
        }
    }
}
