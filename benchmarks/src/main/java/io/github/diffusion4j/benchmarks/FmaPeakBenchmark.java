package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's attainable double-precision FMA rate on one core, the denominator of the "fraction of peak" column in
 * benchmarks/README.md: twelve independent vector FMA chains (more than latency × ports) with operands in registers.
 * One operation performs {@link #ITERATIONS} × 12 vector FMAs of the preferred species, i.e. 2 × 12 × lanes ×
 * ITERATIONS flops. Needs {@code --add-modules jdk.incubator.vector}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaPeakBenchmark {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int ITERATIONS = 100_000;

    public double multiplier = 0.999999;
    public double addend = 1e-7;

    @Benchmark
    public double fmaChains() {
        DoubleVector m = DoubleVector.broadcast(SPECIES, multiplier);
        DoubleVector c = DoubleVector.broadcast(SPECIES, addend);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector a1 = a0.add(1);
        DoubleVector a2 = a0.add(2);
        DoubleVector a3 = a0.add(3);
        DoubleVector a4 = a0.add(4);
        DoubleVector a5 = a0.add(5);
        DoubleVector a6 = a0.add(6);
        DoubleVector a7 = a0.add(7);
        DoubleVector a8 = a0.add(8);
        DoubleVector a9 = a0.add(9);
        DoubleVector a10 = a0.add(10);
        DoubleVector a11 = a0.add(11);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** @return the flops of one {@link #fmaChains} call */
    public static double flopsPerOperation() {
        return 2.0 * 12 * SPECIES.length() * ITERATIONS;
    }
}
