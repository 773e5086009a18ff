package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.diffusion4j.learn.Activation;
import io.github.diffusion4j.learn.DsmTrainer;
import io.github.diffusion4j.learn.Mlp;
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
 * Forward pass of the noise-prediction MLP on a batch of 4096 points in d = 2 with 8 embedding frequencies and two
 * hidden layers of width 256: 2·4096·(18·256 + 256·256 + 256·2) = 578 Mflop, plus 2·4096·256 activations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpBenchmark {

    static final int BATCH = 4096;

    @Param({"SILU", "GELU"})
    public String activation;

    private Mlp mlp;
    private Mlp.Workspace workspace;
    private double[] times;
    private double[] z;
    private double[] out;

    @Setup
    public void setUp() {
        mlp = DsmTrainer.initialise(2, 8, new int[] {256, 256}, Activation.valueOf(activation), 1e-3, 1, 5);
        workspace = new Mlp.Workspace();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
        times = new double[BATCH];
        z = new double[2 * BATCH];
        for (int i = 0; i < BATCH; i++) {
            times[i] = rng.nextDouble();
            z[2 * i] = 2 * rng.nextDouble() - 1;
            z[2 * i + 1] = 2 * rng.nextDouble() - 1;
        }
        out = new double[2 * BATCH];
    }

    @Benchmark
    public double[] forward() {
        mlp.forward(times, z, BATCH, out, workspace);
        return out;
    }
}
