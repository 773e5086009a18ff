package io.github.diffusion4j.learn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import io.github.diffusion4j.estimate.InverseVarianceTimeSampler;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Denoising score matching for a noise-predicting {@link Mlp} (Vincent 2011; Ho et al. 2020): minibatches of
 * {@code z = α(t) x₀ + σ(t) ε} with x₀ from the data, ε ~ N(0, I) and t drawn with density {@code π(t) ∝ 1/σ(t)²}
 * ({@link InverseVarianceTimeSampler}), loss {@code mean ‖ε̂(z, t) − ε‖²}. Since
 * {@code ‖s_θ + ε/σ‖² = ‖ε̂ − ε‖²/σ²}, this is the unweighted score-matching objective {@code ∫ E‖s_θ − ∇log q‖² dt}
 * importance-sampled in t (T17), with the variance reduction that brings. Adam (Kingma and Ba 2015) with the usual
 * bias correction. Deterministic for a seed: one random stream, single-threaded. A loss that becomes non-finite or
 * exceeds {@value #DIVERGENCE_FACTOR}·d stops training with the step and the loss.
 */
public final class DsmTrainer {

    /** What a training run did. */
    public record Result(int steps, double finalLoss, double[] losses) {
    }

    /**
     * Training is declared diverged when a minibatch loss exceeds this many times d: the prediction ε̂ = 0 has expected
     * loss E‖ε‖² = d, and even a badly initialised network starts within a small multiple of it.
     */
    public static final int DIVERGENCE_FACTOR = 1000;

    private int batchSize = 256;
    private int steps = 2000;
    private double learningRate = 2e-3;
    private long seed;
    private Progress progress = (done, total, loss) -> { };

    /**
     * @param value the new setting
     * @return this, with another minibatch size (≥ 1)
     */
    public DsmTrainer batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * @param value the new setting
     * @return this, with another number of Adam steps (≥ 1)
     */
    public DsmTrainer steps(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + value);
        }
        this.steps = value;
        return this;
    }

    /**
     * @param value the new setting
     * @return this, with another Adam learning rate (&gt; 0)
     */
    public DsmTrainer learningRate(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + value);
        }
        this.learningRate = value;
        return this;
    }

    /**
     * @param value the new setting
     * @return this, with another seed
     */
    public DsmTrainer seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * @param listener told after every step: the steps done, the steps in all and the step's minibatch loss; it does
     *                 not affect the training
     * @return this
     */
    public DsmTrainer progress(Progress listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Told how far training has come. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done  steps done
         * @param total steps in all
         * @param loss  the last step's minibatch loss
         */
        void stepped(int done, int total, double loss);
    }

    /**
     * A network with He-uniform initial weights (bound √(6/fan_in)) and zero biases, drawn from the seed.
     *
     * @param dimension   d
     * @param frequencies m
     * @param hidden      hidden widths
     * @param activation  the activation
     * @param tMin        the smallest training time
     * @param tMax        the largest training time
     * @param seed        the seed
     * @return the network
     */
    public static Mlp initialise(int dimension, int frequencies, int[] hidden, Activation activation, double tMin,
                                 double tMax, long seed) {
        double[] parameters = new double[Mlp.parameterCount(dimension, frequencies, hidden)];
        Mlp mlp = new Mlp(dimension, frequencies, hidden, activation, tMin, tMax, parameters);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int l = 0; l < mlp.layers(); l++) {
            int in = mlp.width(l);
            double bound = Math.sqrt(6.0 / in);
            for (int k = 0; k < in * mlp.width(l + 1); k++) {
                parameters[mlp.weightOffset(l) + k] = bound * (2 * rng.nextDouble() - 1);
            }
        }
        return mlp;
    }

    /**
     * Trains the network in place.
     *
     * @param mlp      the network (its tMin, tMax are the training range)
     * @param data     the data
     * @param schedule the forward process
     * @return the per-step losses
     * @throws IllegalArgumentException if the loss becomes non-finite or exceeds {@value #DIVERGENCE_FACTOR}·d, naming
     *                                  the step and the loss; the network's parameters are then meaningless
     */
    public Result train(Mlp mlp, GaussianMixture data, NoiseSchedule schedule) {
        int d = data.dimension();
        if (mlp.dimension() != d) {
            throw new IllegalArgumentException("network dimension " + mlp.dimension() + " ≠ data dimension " + d);
        }
        InverseVarianceTimeSampler times = new InverseVarianceTimeSampler(schedule, mlp.tMin(), mlp.tMax());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] parameters = mlp.parameters();
        double[] gradient = new double[parameters.length];
        double[] firstMoment = new double[parameters.length];
        double[] secondMoment = new double[parameters.length];
        double[] x0 = new double[batchSize * d];
        double[] eps = new double[batchSize * d];
        double[] z = new double[batchSize * d];
        double[] t = new double[batchSize];
        double[] prediction = new double[batchSize * d];
        double[] outputGradient = new double[batchSize * d];
        double[] losses = new double[steps];
        Mlp.Workspace workspace = new Mlp.Workspace();
        double beta1 = 0.9;
        double beta2 = 0.999;
        for (int step = 0; step < steps; step++) {
            data.sample(rng, batchSize, x0, null);
            for (int i = 0; i < batchSize; i++) {
                t[i] = times.sample(rng.nextDouble());
                double alpha = schedule.alpha(t[i]);
                double sigma = schedule.sigma(t[i]);
                for (int a = 0; a < d; a++) {
                    eps[i * d + a] = normal.sample();
                    z[i * d + a] = alpha * x0[i * d + a] + sigma * eps[i * d + a];
                }
            }
            mlp.forward(t, z, batchSize, prediction, workspace);
            double loss = 0;
            for (int k = 0; k < batchSize * d; k++) {
                double r = prediction[k] - eps[k];
                loss += r * r / batchSize;
                outputGradient[k] = 2 * r / batchSize;
            }
            losses[step] = loss;
            if (!(loss <= DIVERGENCE_FACTOR * d)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "training diverged at step %d of %d: "
                        + "minibatch loss %.4g (%s %d × d = %d, d the loss of the prediction ε̂ = 0); lower the learning "
                        + "rate (%.3g)", step + 1, steps, loss, Double.isFinite(loss) ? "above" : "not finite; limit",
                        DIVERGENCE_FACTOR, DIVERGENCE_FACTOR * d, learningRate));
            }
            progress.stepped(step + 1, steps, loss);
            Arrays.fill(gradient, 0);
            mlp.backward(outputGradient, batchSize, gradient, workspace);
            double correction1 = 1 - Math.pow(beta1, step + 1);
            double correction2 = 1 - Math.pow(beta2, step + 1);
            for (int p = 0; p < parameters.length; p++) {
                firstMoment[p] = beta1 * firstMoment[p] + (1 - beta1) * gradient[p];
                secondMoment[p] = beta2 * secondMoment[p] + (1 - beta2) * gradient[p] * gradient[p];
                double mHat = firstMoment[p] / correction1;
                double vHat = secondMoment[p] / correction2;
                parameters[p] -= learningRate * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        return new Result(steps, losses[steps - 1], losses);
    }
}
