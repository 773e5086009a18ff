package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.diffusion4j.kernel.VectorKernels;
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
 * The {@link VectorKernels} on their own, SIMD against the scalar twin in the same JVM: {@code kernels = selected} is
 * {@link VectorKernels#get()} (the SIMD kernels when the JVM runs with {@code --add-modules jdk.incubator.vector},
 * which {@code JMH_JVM_ARGS} passes on to the fork), {@code scalar} the twin. {@code mathExp} is the JDK's
 * {@code Math.exp} loop for comparison.
 * <ul>
 *   <li>{@code exp}: 4096 exponentials of arguments in [−20, 20].</li>
 *   <li>{@code dense}: one 256 → 256 layer on a batch of 4096, 2·4096·256² = 537 Mflop.</li>
 *   <li>{@code diagonalMixture}: responsibilities and score of 4096 points (128 blocks of the SIMD block width 32)
 *       under K = 8 diagonal components in d = 2, the kernel alone (points already transposed, in L1).</li>
 *   <li>{@code combine}: {@code out = a·x + b·y + c·w} on 200,000 doubles (a solver update, n = 100,000, d = 2).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

    static final int EXP_COUNT = 4096;
    static final int BATCH = 4096;
    static final int WIDTH = 256;
    static final int COMBINE_COUNT = 200_000;
    static final int MIXTURE_BLOCK = 32;
    static final int MIXTURE_COMPONENTS = 8;
    static final int MIXTURE_DIMENSION = 2;

    @Param({"selected", "scalar"})
    public String kernels;

    private VectorKernels k;
    private double[] expIn;
    private double[] expOut;
    private double[] x;
    private double[] packedWeights;
    private double[] bias;
    private double[] pre;
    private double[] u;
    private double[] v;
    private double[] w;
    private double[] out;
    private double[] block;
    private double[] mean;
    private double[] inverse;
    private double[] logNormalizer;
    private double[] responsibilities;
    private double[] max;
    private double[] sum;
    private double[] score;

    @Setup
    public void setUp() {
        k = kernels.equals("scalar") ? VectorKernels.scalar() : VectorKernels.get();
        System.out.println("kernels: " + k.name());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        expIn = uniform(rng, EXP_COUNT, 20);
        expOut = new double[EXP_COUNT];
        x = uniform(rng, BATCH * WIDTH, 1);
        packedWeights = new double[WIDTH * WIDTH];
        k.packWeights(uniform(rng, WIDTH * WIDTH, 0.1), 0, WIDTH, WIDTH, packedWeights);
        bias = uniform(rng, WIDTH, 0.1);
        pre = new double[BATCH * WIDTH];
        u = uniform(rng, COMBINE_COUNT, 1);
        v = uniform(rng, COMBINE_COUNT, 1);
        w = uniform(rng, COMBINE_COUNT, 1);
        out = new double[COMBINE_COUNT];
        block = uniform(rng, MIXTURE_DIMENSION * MIXTURE_BLOCK, 3);
        mean = uniform(rng, MIXTURE_COMPONENTS * MIXTURE_DIMENSION, 2);
        inverse = uniform(rng, MIXTURE_COMPONENTS * MIXTURE_DIMENSION, 0.5);
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] += 1;
        }
        logNormalizer = uniform(rng, MIXTURE_COMPONENTS, 1);
        responsibilities = new double[MIXTURE_COMPONENTS * MIXTURE_BLOCK];
        max = new double[MIXTURE_BLOCK];
        sum = new double[MIXTURE_BLOCK];
        score = new double[MIXTURE_DIMENSION * MIXTURE_BLOCK];
    }

    private static double[] uniform(UniformRandomProvider rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Benchmark
    public double[] exp() {
        k.exp(expIn, 0, expOut, 0, EXP_COUNT);
        return expOut;
    }

    @Benchmark
    public double[] mathExp() {
        for (int i = 0; i < EXP_COUNT; i++) {
            expOut[i] = Math.exp(expIn[i]);
        }
        return expOut;
    }

    @Benchmark
    public double[] dense() {
        k.dense(x, BATCH, WIDTH, packedWeights, bias, 0, WIDTH, pre);
        return pre;
    }

    @Benchmark
    public double[] diagonalMixture() {
        for (int b = 0; b < EXP_COUNT / MIXTURE_BLOCK; b++) {
            k.diagonalMixture(block, MIXTURE_BLOCK, MIXTURE_DIMENSION, MIXTURE_COMPONENTS, mean, inverse,
                    logNormalizer, responsibilities, max, sum, score);
        }
        return score;
    }

    @Benchmark
    public double[] combine() {
        k.combine(out, 0.9, u, -0.3, v, 0.05, w, COMBINE_COUNT);
        return out;
    }
}
