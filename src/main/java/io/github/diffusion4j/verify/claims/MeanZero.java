package io.github.diffusion4j.verify.claims;

import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.verify.Check;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The Monte Carlo test behind the identities that hold in expectation: n i.i.d. values whose mean must be 0, tested
 * with Student's t at a Bonferroni-corrected level, so that a claim of m such tests false-alarms with probability at
 * most its stated rate.
 */
final class MeanZero {

    private MeanZero() {
    }

    /**
     * @param n          the number of values per test
     * @param tests      m, the number of tests in the claim
     * @param falseAlarm the claim's false-alarm rate
     * @return the two-sided critical value of |t| for one test
     */
    static double critical(int n, int tests, double falseAlarm) {
        return TDistribution.of(n - 1).inverseSurvivalProbability(falseAlarm / (2.0 * tests));
    }

    /**
     * @return the t statistic of the values' mean: mean / (sd/√n); 0 when all values are 0
     */
    static double statistic(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / (n - 1);
        }
        if (variance == 0) {
            return mean == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return mean / Math.sqrt(variance / n);
    }

    /**
     * @param configuration what is tested
     * @param values        the values
     * @param critical      the critical value of |t|
     * @return a check that passes when |t| ≤ critical
     */
    static Check test(String configuration, double[] values, double critical) {
        double t = statistic(values);
        return Check.of(configuration, t, String.format(Locale.ROOT, "|t| ≤ %.2f", critical), Math.abs(t) <= critical);
    }

    /** @return the largest |measured t| of the checks, 0 for none */
    static double largest(List<Check> checks) {
        double largest = 0;
        for (Check check : checks) {
            largest = Math.max(largest, Math.abs(check.measured()));
        }
        return largest;
    }
}
