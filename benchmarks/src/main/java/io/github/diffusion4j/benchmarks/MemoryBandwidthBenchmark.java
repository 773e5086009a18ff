package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's attainable main-memory bandwidth on one core, the second limit in benchmarks/README.md: the STREAM
 * triad {@code a[i] = b[i] + s·c[i]} (McCalpin) on three arrays of 2²⁴ doubles (128 MiB each, far beyond the caches),
 * a loop C2 vectorises. One operation moves 3 × 128 MiB as STREAM counts it (two reads, one write; the write's
 * read-for-ownership is not counted, so the DRAM traffic is a third higher).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MemoryBandwidthBenchmark {

    static final int LENGTH = 1 << 24;

    public double scalar = 0.5;
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setUp() {
        a = new double[LENGTH];
        b = new double[LENGTH];
        c = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            b[i] = i;
            c[i] = 1.0 / (i + 1);
        }
    }

    @Benchmark
    public double[] triad() {
        double s = scalar;
        for (int i = 0; i < LENGTH; i++) {
            a[i] = b[i] + s * c[i];
        }
        return a;
    }
}
