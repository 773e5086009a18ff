package io.github.diffusion4j.solve;

/**
 * User-supplied normals: the vector for step j and particle i is row {@code j·n + i} of an {@code (N·n) × d} array.
 * Only one draw per step is available; a solver that needs more raises an error naming the draw.
 */
public final class ArrayNoise implements NoiseSource {

    private final double[] values;
    private final int particles;
    private final int dimension;
    private final int steps;

    /**
     * @param values    the normals, row-major (N·n) × d. Not copied; not modified.
     * @param particles n
     * @param dimension d
     */
    public ArrayNoise(double[] values, int particles, int dimension) {
        if (particles < 1 || dimension < 1 || values.length % ((long) particles * dimension) != 0) {
            throw new IllegalArgumentException("noise array of length " + values.length + " is not a whole number of "
                    + "steps of " + particles + " particles × " + dimension + " dimensions");
        }
        this.values = values;
        this.particles = particles;
        this.dimension = dimension;
        this.steps = values.length / (particles * dimension);
    }

    /** @return the number of steps N the array covers */
    public int steps() {
        return steps;
    }

    @Override
    public void normals(int step, int draw, double t0, double t1, int firstParticle, int count, int dim,
                        double[] out) {
        if (draw != 0) {
            throw new IllegalArgumentException("the noise file provides one normal vector per step and particle, "
                    + "but the solver asks for draw " + draw + " of step " + step);
        }
        if (step >= steps) {
            throw new IllegalArgumentException("the noise file covers " + steps + " steps, but step " + step
                    + " (t = " + t0 + " → " + t1 + ") needs noise");
        }
        if (dim != dimension || firstParticle + count > particles) {
            throw new IllegalArgumentException("the noise file is for " + particles + " particles of dimension "
                    + dimension + ", asked for particles " + firstParticle + "…" + (firstParticle + count - 1)
                    + " of dimension " + dim);
        }
        System.arraycopy(values, (step * particles + firstParticle) * dimension, out, 0, count * dimension);
    }
}
