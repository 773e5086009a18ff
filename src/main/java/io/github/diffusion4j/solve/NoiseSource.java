package io.github.diffusion4j.solve;

/**
 * Standard normal draws for stochastic solvers, addressed by (step, draw, particle), so that a particle's noise
 * does not depend on the batch it is sampled in or on the thread that samples it.
 *
 * <p>{@code draw} numbers the independent normal vectors a solver consumes within one step (0 for the first).
 * For a Brownian-path source, draw 0 of step j is the scaled increment {@code (W(t0) − W(t1))/√(t0 − t1)} of one
 * fixed path, so that nested grids see the same path (needed for strong-error studies). Implementations must be safe
 * for concurrent calls.
 */
public interface NoiseSource {

    /**
     * @param step          the step index j of the grid
     * @param draw          which normal vector of the step, from 0
     * @param t0            the step's start time (the larger)
     * @param t1            the step's end time
     * @param firstParticle global index of the first particle
     * @param count         number of particles
     * @param dimension     coordinates per particle
     * @param out           receives {@code count × dimension} standard normals, row p for particle
     *                      {@code firstParticle + p}. Modified.
     */
    void normals(int step, int draw, double t0, double t1, int firstParticle, int count, int dimension, double[] out);
}
