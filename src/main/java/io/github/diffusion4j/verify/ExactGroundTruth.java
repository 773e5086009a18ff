package io.github.diffusion4j.verify;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The library's exact mixture marginals as a {@link GroundTruth}. Not thread-safe (one marginal evaluator).
 * Every density-derived quantity comes from {@link #marginalAt}; a subclass that overrides it (and
 * {@link #scoreModel}) models a different marginal family while {@link #sample} keeps drawing from the forward
 * process — how the verification tests build deliberately broken ground truths.
 */
public class ExactGroundTruth implements GroundTruth {

    private final GaussianMixture mixture;
    private final NoiseSchedule schedule;
    private final MixtureMarginal marginal;
    private final MixtureScoreModel model;

    /**
     * @param mixture  the data
     * @param schedule the forward process
     */
    public ExactGroundTruth(GaussianMixture mixture, NoiseSchedule schedule) {
        this.mixture = mixture;
        this.schedule = schedule;
        this.marginal = mixture.marginal();
        this.model = new MixtureScoreModel(mixture, schedule);
    }

    /**
     * @param t the time
     * @return the marginal p_t, ready to evaluate
     */
    protected MixtureMarginal marginalAt(double t) {
        return marginal.setTime(schedule, t);
    }

    @Override
    public GaussianMixture mixture() {
        return mixture;
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public DifferentiableScoreModel scoreModel() {
        return model;
    }

    @Override
    public void logDensity(double t, double[] z, int n, double[] out) {
        marginalAt(t).logDensity(z, n, out);
    }

    @Override
    public void score(double t, double[] z, int n, double[] out) {
        marginalAt(t).score(z, n, out);
    }

    @Override
    public void hessian(double t, double[] z, int n, double[] out) {
        marginalAt(t).hessian(z, n, out);
    }

    @Override
    public void divergence(double t, double[] z, int n, double[] out) {
        marginalAt(t).divergence(z, n, out);
    }

    @Override
    public void posteriorMean(double t, double[] z, int n, double[] out) {
        marginalAt(t).posteriorMean(z, n, out);
    }

    @Override
    public void responsibilities(double t, double[] z, int n, double[] out) {
        marginalAt(t).responsibilities(z, n, out);
    }

    @Override
    public void componentScore(int k, double t, double[] z, int n, double[] out) {
        marginalAt(t).componentScore(k, z, n, out);
    }

    @Override
    public void velocity(double t, double[] z, int n, double[] out) {
        marginalAt(t).velocity(z, n, out);
    }

    @Override
    public void flowVelocity(double t, double[] z, int n, double[] out) {
        marginalAt(t).flowVelocity(z, n, out);
    }

    @Override
    public double[] sample(double t, int n, long seed) {
        return mixture.sampleMarginal(schedule, t, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
    }
}
