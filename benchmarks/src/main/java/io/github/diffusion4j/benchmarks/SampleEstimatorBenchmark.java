package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.KdTree;
import io.github.diffusion4j.estimate.KozachenkoLeonenkoEntropy;
import io.github.diffusion4j.estimate.Mmd;
import io.github.diffusion4j.estimate.SlicedWasserstein;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
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
 * The sample-based estimators at n = 100,000 points per sample of N(0, I_d) (and N(0.1 e₁, I_d) as the second sample):
 * the exact k-NN distances alone (tree build and all queries, k = 4), the Kozachenko–Leonenko entropy with its
 * batch-means standard error (the full sample plus 20 groups) on one and two threads, the block MMD² with the median
 * bandwidth and blocks of 316 ≈ √n points, and sliced W₂ with 100 directions. One call is one complete estimate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SampleEstimatorBenchmark {

    private static final int N = 100_000;
    private static final int K = 4;

    @Param({"2", "10"})
    public int dimension;

    private double[] x;
    private double[] y;
    private double[] distances;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        x = new double[N * dimension];
        y = new double[N * dimension];
        for (int i = 0; i < x.length; i++) {
            x[i] = normal.sample();
            y[i] = normal.sample() + (i % dimension == 0 ? 0.1 : 0);
        }
        distances = new double[N];
    }

    @Benchmark
    public double[] nearestNeighbourDistances() {
        new KdTree(x, N, dimension).kthNeighbourDistances(K, distances);
        return distances;
    }

    @Benchmark
    public Estimate entropy() {
        return new KozachenkoLeonenkoEntropy(K).estimate(x, N, dimension, 0.95);
    }

    @Benchmark
    public Estimate entropyTwoThreads() {
        return new KozachenkoLeonenkoEntropy(K).threads(2).estimate(x, N, dimension, 0.95);
    }

    @Benchmark
    public Estimate mmdBlocks() {
        return new Mmd(1).blockUnbiased(x, N, y, N, dimension, 316, 0.95);
    }

    @Benchmark
    public Estimate slicedWasserstein() {
        return new SlicedWasserstein(100, 1).squared(x, N, y, N, dimension, 0.95);
    }
}
