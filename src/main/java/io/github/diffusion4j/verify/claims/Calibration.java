package io.github.diffusion4j.verify.claims;

import java.util.Arrays;
import java.util.Locale;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.verify.Check;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The two tests of an estimator's calibration over R independent replications on a problem whose answer θ is known,
 * each at a stated false-alarm rate α (the E claims):
 * <ul>
 *   <li><b>coverage</b>: the number of nominal-c intervals that contain θ is Binomial(R, c) if the intervals are
 *   calibrated; the check passes when it lies in the central 1 − α range of that law, [F⁻¹(α/2), S⁻¹(α/2)];</li>
 *   <li><b>unbiasedness</b>: the mean of the R estimates is within {@code t_{R−1, 1−α/2} · sd/√R} of θ.</li>
 * </ul>
 * With R = 200, c = 0.95 and α = 10⁻³ the coverage band is [179, 198]: an interval whose true coverage is 0.895 or
 * less fails with probability ≥ ½, and one of 0.81 (a normal quantile in place of Student's t on 2 degrees of
 * freedom) almost surely. Coverage barely sees a bias of a third of a standard error (0.937); the mean over R = 1,000
 * replications resolves it at 10 standard errors.
 */
final class Calibration {

    /** The false-alarm rate of every calibration check. */
    static final double FALSE_ALARM = 1e-3;

    private final String configuration;
    private final double truth;
    private final double[] values;
    private int covered;
    private int replications;

    /**
     * @param configuration what is estimated, on which problem
     * @param truth         the known answer θ
     * @param capacity      the number of replications R
     */
    Calibration(String configuration, double truth, int capacity) {
        this.configuration = configuration;
        this.truth = truth;
        this.values = new double[capacity];
    }

    /**
     * @param withBias whether the claim also tests means (unbiased estimators)
     * @return the tolerance line of an E claim
     */
    static String criterion(boolean withBias) {
        return (withBias ? "means within t band, " : "")
                + "coverage within Binomial(R, 0.95) band, false alarm 1e-3 each";
    }

    /** @return the known answer θ */
    double truth() {
        return truth;
    }

    /** @param estimate one replication's estimate and interval */
    void add(Estimate estimate) {
        values[replications++] = estimate.value();
        if (estimate.contains(truth)) {
            covered++;
        }
    }

    /** @param confidence the intervals' level c @return the coverage check */
    Check coverage(double confidence) {
        BinomialDistribution law = BinomialDistribution.of(replications, confidence);
        int lower = law.inverseCumulativeProbability(FALSE_ALARM / 2);
        int upper = law.inverseSurvivalProbability(FALSE_ALARM / 2);
        return Check.of(configuration + " / coverage of " + percent(confidence) + " intervals",
                (double) covered / replications, String.format(Locale.ROOT,
                        "%d of %d ∈ [%d, %d] (Binomial(%d, %s), false alarm %.0e)", covered, replications, lower, upper,
                        replications, percent(confidence), FALSE_ALARM),
                covered >= lower && covered <= upper);
    }

    /** @return the unbiasedness check; its measured value is the mean estimate minus θ */
    Check bias() {
        Estimate sample = Estimate.ofMean(Arrays.copyOf(values, replications), 1 - FALSE_ALARM);
        double mean = sample.value();
        double limit = TDistribution.of(replications - 1).inverseSurvivalProbability(FALSE_ALARM / 2)
                * sample.standardError();
        return Check.of(String.format(Locale.ROOT, "%s / mean − θ (θ = %.4g)", configuration, truth), mean - truth,
                String.format(Locale.ROOT, "|·| ≤ %.3g (t at false alarm %.0e, %d replications)", limit, FALSE_ALARM,
                        replications), Math.abs(mean - truth) <= limit);
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * confidence);
    }
}
