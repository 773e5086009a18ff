package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.SyntheticMixtures;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch score of the exact mixture marginal at one fixed time (the per-time Cholesky work is done in setup, as a
 * solver amortises it over the batch). One benchmark call scores all n points; divide the time by n·K·d for the
 * cost per (point·component·dim) recorded in benchmarks/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoreBenchmark {

    /** "n_K_d_covariance". */
    @Param({"1000000_8_2_diagonal", "100000_16_64_full", "100000_16_64_diagonal", "1000_8_2_diagonal"})
    public String shape;

    private MixtureMarginal marginal;
    private double[] z;
    private double[] out;
    private int n;

    @Setup
    public void setUp() {
        String[] parts = shape.split("_");
        n = Integer.parseInt(parts[0]);
        int k = Integer.parseInt(parts[1]);
        int d = Integer.parseInt(parts[2]);
        GaussianMixture mixture = SyntheticMixtures.random(k, d, parts[3], 42);
        marginal = mixture.marginal().setTime(Schedules.byName("vp-linear"), 0.3);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        z = new double[n * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * (2 * rng.nextDouble() - 1);
        }
        out = new double[n * d];
    }

    @Benchmark
    public double[] score() {
        marginal.score(z, n, out);
        return out;
    }
}
