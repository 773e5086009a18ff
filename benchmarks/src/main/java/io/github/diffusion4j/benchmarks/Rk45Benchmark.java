package io.github.diffusion4j.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.SyntheticMixtures;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.DormandPrince54;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
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
 * The probability-flow ODE of the 8-component mixture in d = 2 from t = 1 to 10⁻³ on VP, for 2,000 particles at
 * atol = rtol = 10⁻⁶: diffusion4j's batch Dormand–Prince (chunks of 1024 particles share a step size) against
 * Hipparchus' {@link DormandPrince54Integrator} run particle by particle on the same exact velocity.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Rk45Benchmark {

    private static final int N = 2000;
    private static final double TOLERANCE = 1e-6;

    private GaussianMixture mixture;
    private NoiseSchedule schedule;
    private Integrator integrator;
    private TimeGrid grid;
    private double[] initial;
    private double[] z;

    @Setup
    public void setUp() {
        mixture = SyntheticMixtures.random(8, 2, "diagonal", 42);
        schedule = Schedules.byName("vp-linear");
        integrator = Integrator.of(DormandPrince54.INSTANCE, new MixtureScoreModel(mixture, schedule), schedule)
                .tolerances(TOLERANCE, TOLERANCE);
        grid = TimeGrid.of(schedule, 1.0, 1e-3);
        initial = new double[N * 2];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = Math.sin(12.9898 * i + 78.233);
        }
        z = new double[N * 2];
    }

    @Benchmark
    public double[] batch() {
        System.arraycopy(initial, 0, z, 0, z.length);
        integrator.integrate(grid, z, N);
        return z;
    }

    @Benchmark
    public double[] hipparchusPerParticle() {
        MixtureMarginal marginal = mixture.marginal();
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[2];
                marginal.setTime(schedule, t).velocity(y, 1, out);
                return out;
            }
        };
        for (int p = 0; p < N; p++) {
            DormandPrince54Integrator hipparchus = new DormandPrince54Integrator(0, 0.999, TOLERANCE, TOLERANCE);
            double[] y = hipparchus.integrate(ode, new ODEState(1.0, new double[] {initial[2 * p], initial[2 * p + 1]}),
                    1e-3).getPrimaryState();
            z[2 * p] = y[0];
            z[2 * p + 1] = y[1];
        }
        return z;
    }
}
