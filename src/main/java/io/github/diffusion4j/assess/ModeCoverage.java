package io.github.diffusion4j.assess;

import java.util.ArrayList;
import java.util.List;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.mixture.MixtureMarginal;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Which components of the exact marginal {@code p_t = Σ_k w_k N_k} a sample covers, and with how much mass.
 *
 * <p>The responsibility {@code r_k(x) = w_k N_k(x) / p_t(x)} has the exact mean
 * <pre>
 *   E_{p_t} r_k(X) = ∫ w_k N_k(x) dx = w_k
 * </pre>
 * under the true law, whatever the overlap of the components. So the sample mean {@code m̂_k = (1/n) Σ_i r_k(x_i)} is
 * the mass the sampled law q gives to component k, {@code E_q r_k}, and a sample of p_t has {@code m̂_k → w_k}. Each
 * component gets its CLT interval and the two-sided z-test of {@code E_q r_k = w_k},
 * {@code z = (m̂_k − w_k) / se_k}, {@code se_k} = the sample standard deviation of the r_k(x_i) over √n. The K tests are
 * combined by Bonferroni: the family rejects at level a when some {@code p_k ≤ a/K}, which keeps its false-alarm
 * rate ≤ a (asymptotically in n) whatever the dependence between the r_k. A rejected component is <b>missing</b> when
 * {@code m̂_k < w_k/10}, else <b>under</b>- or <b>over</b>-weighted.
 *
 * <p>The responsibilities sum to 1, so a mode's missing mass shows up as excess on the others; the z-tests are
 * asymptotic and need n·w_k large (tens of samples per component).
 */
final class ModeCoverage {

    /** A rejected component with less than this fraction of its weight is reported missing. */
    static final double MISSING_FRACTION = 0.1;

    private ModeCoverage() {
    }

    /**
     * @param marginal     the exact p_t, with K ≥ 2 components
     * @param samples      n points, row-major, finite
     * @param n            number of points, ≥ 2
     * @param confidence   the intervals' level
     * @param significance the family's level a
     * @return one {@code mass} row per component, then the family's {@code modes} row
     */
    static List<AssessmentRow> rows(MixtureMarginal marginal, double[] samples, int n, double confidence,
                                    double significance) {
        int components = marginal.components();
        double[] weights = marginal.mixture().weights();
        double[] responsibilities = new double[n * components];
        marginal.responsibilities(samples, n, responsibilities);
        List<AssessmentRow> rows = new ArrayList<>(components + 1);
        double[] column = new double[n];
        double smallest = 1;
        List<Integer> rejected = new ArrayList<>();
        for (int k = 0; k < components; k++) {
            for (int i = 0; i < n; i++) {
                column[i] = responsibilities[i * components + k];
            }
            Estimate mass = Estimate.ofMean(column, confidence);
            double p = pValue(mass, weights[k]);
            smallest = Math.min(smallest, p);
            String status = "ok";
            if (p <= significance / components) {
                rejected.add(k);
                status = mass.value() < MISSING_FRACTION * weights[k] ? "missing"
                        : mass.value() < weights[k] ? "under" : "over";
            }
            rows.add(new AssessmentRow("mass", k, mass.value(), mass.lower(), mass.upper(), p, weights[k], status));
        }
        double combined = Math.min(1, components * smallest);
        rows.add(new AssessmentRow("modes", -1, rejected.size(), Double.NaN, Double.NaN, combined, 0,
                rejected.isEmpty() ? "ok" : "reject"));
        return rows;
    }

    /** The two-sided z-test of mean = w; a zero standard error (all r_k equal) decides by equality alone. */
    private static double pValue(Estimate mass, double weight) {
        double difference = mass.value() - weight;
        if (mass.standardError() == 0) {
            return Math.abs(difference) <= 1e-12 ? 1 : 0;
        }
        return 2 * NormalDistribution.of(0, 1).cumulativeProbability(-Math.abs(difference) / mass.standardError());
    }
}
