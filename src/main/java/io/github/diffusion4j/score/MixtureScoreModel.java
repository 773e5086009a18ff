package io.github.diffusion4j.score;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * The exact score of a Gaussian mixture's marginals under a schedule: ground truth as a {@link ScoreModel}.
 * Its data prediction is the exact posterior mean by conditioning (so it is defined at {@code α = 0} as well), and
 * its Jacobian is the exact Hessian, for solvers and estimators that propagate tangents or need divergences.
 *
 * <p>Thread-safe: each thread evaluates through its own {@link MixtureMarginal}, whose per-time work (Cholesky
 * factors) is redone only when that thread moves to a new time.
 */
public final class MixtureScoreModel implements DifferentiableScoreModel {

    private final GaussianMixture mixture;
    private final NoiseSchedule schedule;
    private final ThreadLocal<MixtureMarginal> marginals;

    /**
     * @param mixture  the data distribution
     * @param schedule the forward process whose marginals are scored
     */
    public MixtureScoreModel(GaussianMixture mixture, NoiseSchedule schedule) {
        this.mixture = mixture;
        this.schedule = schedule;
        this.marginals = ThreadLocal.withInitial(mixture::marginal);
    }

    /** @return the mixture */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** @return the schedule */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /**
     * @param t a time of the schedule
     * @return this thread's marginal evaluator, set to time t
     */
    public MixtureMarginal marginalAt(double t) {
        return marginals.get().setTime(schedule, t);
    }

    @Override
    public int dimension() {
        return mixture.dimension();
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        marginalAt(t).score(z, from, to, out);
    }

    @Override
    public void dataPrediction(NoiseSchedule other, double t, double[] z, int from, int to, double[] out) {
        if (other != schedule) {
            DifferentiableScoreModel.super.dataPrediction(other, t, z, from, to, out);
            return;
        }
        marginalAt(t).posteriorMean(z, from, to, out);
    }

    /**
     * The exact class-conditional scores, with the mixture's components as the labels: label k gives
     * {@code ∇log p_t(z | y = k) = −C_k⁻¹(z − α μ_k)}, the null label the marginal score. With
     * {@link ScoreModels#classifierFreeGuidance} this is exact classifier-free guidance.
     *
     * @return a thread-safe conditional model sharing this model's per-thread evaluators
     */
    public ConditionalScoreModel classConditional() {
        return new ConditionalScoreModel() {
            @Override
            public int dimension() {
                return mixture.dimension();
            }

            @Override
            public int classes() {
                return mixture.components();
            }

            @Override
            public void score(double t, double[] z, int from, int to, int label, double[] out) {
                if (label == UNCONDITIONAL) {
                    marginalAt(t).score(z, from, to, out);
                } else {
                    marginalAt(t).componentScore(label, z, from, to, out);
                }
            }
        };
    }

    /** The exact Hessian {@code ∇² log p_t}, from {@link MixtureMarginal#hessian}. */
    @Override
    public void jacobian(double t, double[] z, int from, int to, double[] out) {
        marginalAt(t).hessian(z, from, to, out);
    }

    /** The exact Laplacian {@code tr ∇² log p_t} in variance form, from {@link MixtureMarginal#divergence}. */
    @Override
    public void divergence(double t, double[] z, int from, int to, double[] out) {
        marginalAt(t).divergence(z, from, to, out);
    }
}
