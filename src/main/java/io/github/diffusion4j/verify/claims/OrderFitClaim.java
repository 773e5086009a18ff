package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * E4: the fitted order and its interval ({@link OrderFit}, reported by S1, S3, S6 and {@code converge}) are
 * calibrated where the answer is known exactly: errors {@code e_i = h_i^p · exp(s ε_i)}, ε_i i.i.d. standard normal,
 * are a linear model in log h with normal residuals, for which the least-squares slope is unbiased and the Student-t
 * interval with m − 2 degrees of freedom has exact coverage. p = {@value #ORDER}, s = {@value #NOISE}, h_i = 2^{−i}
 * for m = 3, 4 and 6 step sizes (S1 and S6 fit 4, {@code converge} 3 to 6); {@code samples(1000, 5000)}
 * replications per m; the mean slope and the coverage of the 95% intervals are tested ({@link Calibration}, false
 * alarm 10⁻³ each). A wrong number of degrees of freedom, a normal quantile in place of Student's, or a residual
 * variance divided by m instead of m − 2 moves the coverage of a 95% interval on 1 or 2 degrees of freedom by ten
 * points or more.
 */
final class OrderFitClaim extends BaseClaim {

    static final double ORDER = 2;
    static final double NOISE = 0.1;
    private static final int[] POINTS = {3, 4, 6};
    private static final double CONFIDENCE = 0.95;

    OrderFitClaim() {
        super("E4", "The fitted order is unbiased and its interval covers at the nominal rate on exactly linear "
                + "log-errors", "Seber and Lee 2003, §5.1 (the t interval of a regression slope)");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        int replications = context.samples(1000, 5000);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(context.seed() ^ 0xE4L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Check> checks = new ArrayList<>();
        double worst = 1;
        for (int m : POINTS) {
            double[] h = new double[m];
            for (int i = 0; i < m; i++) {
                h[i] = Math.scalb(1.0, -(i + 1));
            }
            Calibration calibration = new Calibration("order fit / m = " + m, ORDER, replications);
            double[] error = new double[m];
            for (int r = 0; r < replications; r++) {
                for (int i = 0; i < m; i++) {
                    error[i] = Math.pow(h[i], ORDER) * Math.exp(NOISE * normal.sample());
                }
                OrderFit fit = OrderFit.fit(h, error, CONFIDENCE);
                calibration.add(new Estimate(fit.order(), fit.stderr(), fit.lower(), fit.upper(), fit.confidence()));
            }
            checks.add(calibration.bias());
            Check coverage = calibration.coverage(CONFIDENCE);
            worst = Math.min(worst, coverage.measured());
            checks.add(coverage);
        }
        return new Outcome(checks, String.format(Locale.ROOT, "lowest coverage %.3f of %d (m = 3, 4, 6)", worst,
                replications), Calibration.criterion(true));
    }
}
