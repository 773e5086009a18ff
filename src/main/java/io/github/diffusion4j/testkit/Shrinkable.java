package io.github.diffusion4j.testkit;

import java.util.List;

/**
 * A generated test case that knows its simpler neighbours, for {@link Property}'s shrinking.
 *
 * @param <C> the case type
 */
public interface Shrinkable<C extends Shrinkable<C>> {

    /**
     * Simpler cases, most aggressive first (fewer components, lower dimension, isotropic covariance, fewer steps,
     * better conditioning…), each a pure function of this case, so shrinking is reproducible.
     *
     * @return candidates strictly simpler than this case; empty when it is minimal
     */
    List<C> simpler();

    /** @return a one-line description that includes everything needed to rebuild the case, its seed first */
    String describe();
}
