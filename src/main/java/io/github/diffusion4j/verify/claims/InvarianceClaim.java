package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.NoiseSource;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.solve.VirtualBrownianTree;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.SolverClaim;
import io.github.diffusion4j.verify.VerificationContext;
import io.github.diffusion4j.verify.Verdict;

/**
 * S7: a sampler's output is a function of the seed and the particle alone — bit for bit the same for any thread
 * count, chunk size, split of the particles into separately run parts, and for a solver instance reused after other
 * integrations. Noise is addressed by (step, draw, global particle index) ({@link NoiseSource}) and every operation
 * of the step contract acts per particle, so nothing else may enter; a solver that keys noise by the position in its
 * batch, keeps state between chunks or calls, or reduces over the particles of a chunk breaks it.
 *
 * <p>Measurement: {@value #PARTICLES} = 7 · 29 particles (chunks of 16 and the split leave a partial chunk) drawn
 * from the exact p_T, integrated over {@value #STEPS} log-SNR-uniform steps to {@code T/100}. Reference: one fresh
 * instance, one thread, chunks of {@value #CHUNK}, one call. Compared with it, each as raw IEEE-754 bits of every
 * coordinate: 4 threads; the particles split at {@value #SPLIT} into two calls with
 * {@link Integrator#particleOffset}, run last part first (at {@value #ADAPTIVE_SPLIT}, a multiple of the chunk
 * size, for an adaptive solver); the reference configuration again on the same instance after all the others.
 * Fixed-grid solvers also: chunks of 1 and of 1024 (all particles in one chunk), and chunks of 7 on 2 threads — an
 * adaptive solver's step control is per chunk by design ({@link Integrator}), so for it the chunk size is part of
 * the configuration and is held at {@value #CHUNK}. Stochastic solvers run on counter-based noise and on a virtual
 * Brownian tree; deterministic ones also compare the log-determinant of their map (tangent mode).
 *
 * <p>Criterion: no differing bit; the measured value of a check is the number of differing doubles. There is no
 * tolerance to state: the claim is exact. Subjects: every built-in solver, the
 * {@link VerificationContext#PARAMETER_VARIANTS}, and every user solver. Problems: the first data problem on the
 * main schedules ({@code --thorough}: every problem on every schedule).
 */
final class InvarianceClaim extends BaseClaim implements SolverClaim {

    static final int PARTICLES = 203;
    static final int CHUNK = 16;
    static final int SPLIT = 101;
    static final int ADAPTIVE_SPLIT = 96;
    static final int STEPS = 24;

    InvarianceClaim() {
        super("S7", "Every sampler's output is bit-identical for any thread count, chunk size and split of the "
                        + "particles into parts",
                "docs/THEORY.md §4 (S7); Salmon et al. 2011 (counter-based noise)");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<String> builtIn = new ArrayList<>(Solvers.NAMES);
        builtIn.addAll(VerificationContext.PARAMETER_VARIANTS.keySet());
        List<String> subjects = context.subjects(builtIn, this::appliesTo);
        Map<String, GaussianMixture> problems = context.thorough() ? context.problems()
                : Map.ofEntries(context.problems().entrySet().iterator().next());
        Map<String, NoiseSchedule> schedules = context.thorough() ? context.allSchedules() : context.schedules();
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, GaussianMixture> problem : problems.entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : schedules.entrySet()) {
                NoiseSchedule schedule = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                double start = schedule.reverseStart();
                double end = 1e-2 * schedule.tMax();
                TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, end, STEPS);
                double[] initial = truth.sample(start, PARTICLES, context.seed() + 70);
                for (String name : subjects) {
                    Solver probe = context.solver(name);
                    List<NoiseSource> noises = new ArrayList<>(List.of(new CounterNoise(context.seed() + 71)));
                    if (probe.isStochastic()) {
                        noises.add(new VirtualBrownianTree(context.seed() + 72, end, start));
                    }
                    for (NoiseSource noise : noises) {
                        String prefix = String.format(Locale.ROOT, "%s / %s / %s%s", name, problem.getKey(),
                                entry.getKey(), probe.isStochastic() ? " / " + noiseName(noise) : "");
                        checks.addAll(new Runs(context, name, truth, schedule, grid, initial, noise).checks(prefix));
                    }
                }
            }
        }
        long differing = checks.stream().filter(check -> check.verdict() != Verdict.PASS).count();
        return new Outcome(checks, String.format(Locale.ROOT, "%d of %d comparisons differ (%d subjects)", differing,
                checks.size(), subjects.size()), "0 differing bits");
    }

    @Override
    public boolean appliesTo(Solver solver) {
        return true;
    }

    private static String noiseName(NoiseSource noise) {
        return noise instanceof VirtualBrownianTree ? "Brownian tree" : "counter noise";
    }

    /** The configurations of one subject on one problem, schedule and noise source, against the reference. */
    private static final class Runs {

        private final VerificationContext context;
        private final String name;
        private final GroundTruth truth;
        private final NoiseSchedule schedule;
        private final TimeGrid grid;
        private final double[] initial;
        private final NoiseSource noise;
        private final int dimension;

        Runs(VerificationContext context, String name, GroundTruth truth, NoiseSchedule schedule, TimeGrid grid,
                double[] initial, NoiseSource noise) {
            this.context = context;
            this.name = name;
            this.truth = truth;
            this.schedule = schedule;
            this.grid = grid;
            this.initial = initial;
            this.noise = noise;
            this.dimension = initial.length / PARTICLES;
        }

        List<Check> checks(String prefix) {
            List<Check> checks = new ArrayList<>();
            Solver reused = context.solver(name);
            Result reference;
            try {
                reference = run(reused, 1, CHUNK);
            } catch (RuntimeException e) {
                checks.add(Check.of(prefix + " / reference run", Double.NaN, "threw " + e.getMessage(), false));
                return checks;
            }
            compare(checks, prefix, "4 threads", reference, () -> run(context.solver(name), 4, CHUNK));
            int cut = reused.isAdaptive() ? ADAPTIVE_SPLIT : SPLIT;
            compare(checks, prefix, "split at " + cut + ", last part first", reference, () -> split(cut));
            if (!reused.isAdaptive()) {
                compare(checks, prefix, "chunks of 1", reference, () -> run(context.solver(name), 1, 1));
                compare(checks, prefix, "one chunk", reference, () -> run(context.solver(name), 1, 1024));
                compare(checks, prefix, "chunks of 7 on 2 threads", reference, () -> run(context.solver(name), 2, 7));
            }
            compare(checks, prefix, "same instance again", reference, () -> run(reused, 1, CHUNK));
            return checks;
        }

        private void compare(List<Check> checks, String prefix, String variant, Result reference,
                Supplier<Result> configuration) {
            String label = prefix + " / " + variant;
            Result other;
            try {
                other = configuration.get();
            } catch (RuntimeException e) {
                checks.add(Check.of(label, Double.NaN, "threw " + e.getMessage(), false));
                return;
            }
            int count = differingBits(reference.z, other.z);
            String what = "of " + reference.z.length + " coordinates";
            if (reference.logDeterminant != null) {
                count += differingBits(reference.logDeterminant, other.logDeterminant);
                what += " and " + PARTICLES + " log-determinants";
            }
            checks.add(Check.of(label, count, "0 " + what + " differ in any bit", count == 0));
        }

        private Result run(Solver solver, int threads, int chunk) {
            return part(solver, threads, chunk, 0, PARTICLES);
        }

        /** The reference configuration run as two calls, particles {@code [at, n)} first, then {@code [0, at)}. */
        private Result split(int at) {
            Solver solver = context.solver(name);
            Result tail = part(solver, 1, CHUNK, at, PARTICLES);
            Result head = part(solver, 1, CHUNK, 0, at);
            return new Result(concatenate(head.z, tail.z),
                    head.logDeterminant == null ? null : concatenate(head.logDeterminant, tail.logDeterminant));
        }

        /**
         * Integrates particles {@code [from, to)} of the initial state on their own, with the particle offset
         * {@code from}: the state and, for a deterministic solver, the log-determinants.
         */
        private Result part(Solver solver, int threads, int chunk, int from, int to) {
            double[] z = Arrays.copyOfRange(initial, from * dimension, to * dimension);
            Integrator integrator = Integrator.of(solver, truth.scoreModel(), schedule).noise(noise).threads(threads)
                    .chunkSize(chunk).particleOffset(from);
            if (solver.isStochastic()) {
                integrator.integrate(grid, z, to - from);
                return new Result(z, null);
            }
            double[] logDeterminant = new double[to - from];
            integrator.integrate(grid, z, to - from, logDeterminant);
            return new Result(z, logDeterminant);
        }

        private static double[] concatenate(double[] a, double[] b) {
            double[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static int differingBits(double[] a, double[] b) {
            int count = 0;
            for (int i = 0; i < a.length; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                    count++;
                }
            }
            return count;
        }
    }

    /** One run's particles and, for a deterministic solver, its per-particle log-determinants (else null). */
    private record Result(double[] z, double[] logDeterminant) {
    }
}
