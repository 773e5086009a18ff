package io.github.diffusion4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Supplies a {@code @ParameterizedTest} with {@link MarginalCase}s — a mixture, a schedule, a time (a quarter near
 * each end of the schedule) and a point seed:
 * <pre>{@code
 * @ParameterizedTest
 * @RandomMarginalCases(count = 500, schedules = {"vp-linear", "ve", "linear"})
 * void tweedieHolds(MarginalCase c) { double[] z = c.points(64, 0.1); ... }
 * }</pre>
 * {@code -Ddiffusion4j.testkit.seed=<seed>} runs only the case with that seed (the first number of its display name).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(RandomMarginalCasesProvider.class)
public @interface RandomMarginalCases {

    /** @return number of cases */
    int count() default 100;

    /** @return schedule names; empty for every built-in schedule */
    String[] schedules() default {};

    /** @return largest dimension */
    int maxDim() default 4;

    /** @return largest number of components */
    int maxComponents() default 4;

    /** @return covariance kinds */
    CovarianceKind[] kinds() default {CovarianceKind.ISOTROPIC, CovarianceKind.DIAGONAL, CovarianceKind.FULL};

    /** @return largest mean scale */
    double maxSeparation() default 3;

    /** @return largest condition number of full covariances */
    double maxCondition() default 1e3;

    /** @return largest weight skew in decades */
    double maxSkew() default 3;

    /** @return the base seed */
    long seed() default 20261123L;
}
