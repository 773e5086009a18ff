package io.github.diffusion4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A mixture, a schedule, a time and evaluation points: the input of "for every mixture, schedule and time, this
 * identity holds". Built from a case seed by {@link #draw}: the time is near {@code tMin} (within 10⁻⁶ of the span)
 * with probability ¼, near the reverse start {@link NoiseSchedule#reverseStart()} with probability ¼, else uniform;
 * {@link #points} draws from the time marginal, plus far-tail points (10 to 30 marginal standard deviations out).
 *
 * @param mixture  the data distribution
 * @param schedule a schedule name of {@link Schedules#byName}
 * @param t        the time
 * @param pointSeed the seed of {@link #points}
 */
public record MarginalCase(MixtureSpec mixture, String schedule, double t, long pointSeed)
        implements Shrinkable<MarginalCase> {

    /**
     * @param generator the mixture generator
     * @param schedules schedule names to draw from
     * @param caseSeed  the case seed
     * @return the case
     */
    public static MarginalCase draw(MixtureGenerator generator, List<String> schedules, long caseSeed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(CaseSeeds.mix(caseSeed ^ 0x5DEECE66DL));
        String name = schedules.get(rng.nextInt(schedules.size()));
        NoiseSchedule s = Schedules.byName(name);
        double lo = s.tMin();
        double hi = s.reverseStart();
        double span = hi - lo;
        double u = rng.nextDouble();
        double t;
        if (u < 0.25) {
            t = lo + 1e-6 * span * rng.nextDouble();
        } else if (u < 0.5) {
            t = hi - 1e-6 * span * rng.nextDouble();
        } else {
            t = lo + span * rng.nextDouble();
        }
        return new MarginalCase(generator.spec(caseSeed), name, t, rng.nextLong());
    }

    /** @return the schedule */
    public NoiseSchedule noiseSchedule() {
        return Schedules.byName(schedule);
    }

    /**
     * @param n         number of points, n ≥ 1
     * @param tailShare fraction of far-tail points, in [0, 1]
     * @return n points, row-major: forward-noised samples of the mixture, the last {@code round(n·tailShare)} of them
     *         moved 10 to 30 marginal scales out along a random direction
     */
    public double[] points(int n, double tailShare) {
        GaussianMixture m = mixture.build();
        NoiseSchedule s = noiseSchedule();
        double alpha = s.alpha(t);
        double sigma = s.sigma(t);
        int d = m.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(pointSeed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[n * d];
        m.sample(rng, n, z, null);
        for (int i = 0; i < n * d; i++) {
            z[i] = alpha * z[i] + sigma * normal.sample();
        }
        double scale = Math.sqrt(alpha * alpha * 0.6 + sigma * sigma);
        int tail = (int) Math.round(n * tailShare);
        for (int i = n - tail; i < n; i++) {
            double norm = 0;
            double[] direction = new double[d];
            for (int j = 0; j < d; j++) {
                direction[j] = normal.sample();
                norm += direction[j] * direction[j];
            }
            double radius = (10 + 20 * rng.nextDouble()) * scale / Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                z[i * d + j] += radius * direction[j];
            }
        }
        return z;
    }

    /** The mixture's simpler specs, then the middle of the time span. */
    @Override
    public List<MarginalCase> simpler() {
        List<MarginalCase> out = new ArrayList<>();
        for (MixtureSpec spec : mixture.simpler()) {
            out.add(new MarginalCase(spec, schedule, t, pointSeed));
        }
        NoiseSchedule s = noiseSchedule();
        double middle = 0.5 * (s.tMin() + s.reverseStart());
        if (t != middle) {
            out.add(new MarginalCase(mixture, schedule, middle, pointSeed));
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "MarginalCase(%s, schedule=%s, t=%s, pointSeed=%d)", mixture.describe(),
                schedule, t, pointSeed);
    }

    @Override
    public String toString() {
        return describe();
    }
}
