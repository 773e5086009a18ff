package io.github.diffusion4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Supplies a {@code @ParameterizedTest} with {@link MixtureSpec}s from {@link MixtureGenerator}:
 * <pre>{@code
 * @ParameterizedTest
 * @RandomMixtures(count = 200, maxDim = 8)
 * void myIdentityHolds(MixtureSpec spec) { GaussianMixture m = spec.build(); ... }
 * }</pre>
 * The display name of each case is its spec, seed first; {@code -Ddiffusion4j.testkit.seed=<seed>} runs only that
 * case. The base seed is fixed, so a run is reproducible.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(RandomMixturesProvider.class)
public @interface RandomMixtures {

    /** @return number of cases */
    int count() default 100;

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
