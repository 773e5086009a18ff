package io.github.diffusion4j.solve;

import io.github.diffusion4j.kernel.VectorKernels;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.score.ScoreModel;

/**
 * The mutable state of one integration over one chunk of particles, and the operations a {@link Solver} uses:
 * model evaluations (each counted as one NFE), linear combinations of registers, and normal draws addressed by
 * (step, draw, particle).
 *
 * <p>Registers are {@code count × d} row-major arrays; register {@link #STATE} holds the particles. Every operation
 * works on the first {@link #count()} rows of its registers, element by element, so outputs may alias inputs.
 *
 * <p>In tangent mode each register also carries, per particle, the d × d Jacobian {@code J = ∂(register)/∂z_start}
 * of its value with respect to the particle's starting point, updated by every operation: linear combinations act on
 * J with the same coefficients, normal draws have J = 0, and a model evaluation multiplies by the derivative of its
 * output — with {@code H = ∇_z s_θ} from a {@link DifferentiableScoreModel}: score H, ε̂ −σH, x̂₀ (I + σ²H)/α (0 at
 * α = 0, where x̂₀ is the prior mean), velocity fI − ½g²H. A solver written with these operations thus yields the
 * exact Jacobian of its whole map (the step-size decisions of an adaptive solver are held fixed), whose
 * log-determinant gives exact model densities (docs/THEORY.md §6).
 * Before every model evaluation the input register is checked for NaN and infinities, and a bad value raises an
 * {@link IntegrationException} naming the step, the stage time and the global particle index.
 */
public final class StepContext {

    /** The linear combinations run on these (SIMD or scalar, with the same bits). */
    private static final VectorKernels KERNELS = VectorKernels.get();

    /** The register holding the particles. */
    public static final int STATE = 0;

    private final ScoreModel model;
    private final NoiseSchedule schedule;
    private final NoiseSource noise;
    private final int dimension;
    private final int capacity;
    private final double[][] registers;
    private final double[] memory = new double[8];
    /** Tangent mode: per register, count × d × d Jacobians; null otherwise. */
    private final double[][] tangents;
    private final double[] modelJacobian;
    private final double[] tangentScratch;

    private int count;
    private int firstParticle;
    private int step;
    private int steps;
    private double stepStart;
    private double stepEnd;
    private double gridEnd;
    private long evaluations;

    /**
     * @param model     the score model
     * @param schedule  the schedule of the model's times
     * @param noise     the noise source (used by stochastic solvers)
     * @param registers number of registers (the solver's {@link Solver#registers()})
     * @param capacity  the largest chunk, in particles
     */
    StepContext(ScoreModel model, NoiseSchedule schedule, NoiseSource noise, int registers, int capacity) {
        this(model, schedule, noise, registers, capacity, false);
    }

    /**
     * @param tangentMode whether to carry Jacobians (needs a {@link DifferentiableScoreModel})
     */
    StepContext(ScoreModel model, NoiseSchedule schedule, NoiseSource noise, int registers, int capacity,
                boolean tangentMode) {
        this.model = model;
        this.schedule = schedule;
        this.noise = noise;
        this.dimension = model.dimension();
        this.capacity = capacity;
        this.registers = new double[registers][capacity * dimension];
        if (tangentMode) {
            if (!(model instanceof DifferentiableScoreModel)) {
                throw new IllegalArgumentException("log-determinants need a DifferentiableScoreModel (its Jacobian), got "
                        + model.getClass().getSimpleName());
            }
            int matrices = capacity * dimension * dimension;
            this.tangents = new double[registers][matrices];
            this.modelJacobian = new double[matrices];
            this.tangentScratch = new double[matrices];
        } else {
            this.tangents = null;
            this.modelJacobian = null;
            this.tangentScratch = null;
        }
    }

    /** Sets the state's Jacobian to the identity for every particle (start of a chunk in tangent mode). */
    void resetTangents() {
        if (tangents == null) {
            return;
        }
        double[] t = tangents[STATE];
        int dd = dimension * dimension;
        java.util.Arrays.fill(t, 0, count * dd, 0.0);
        for (int p = 0; p < count; p++) {
            for (int a = 0; a < dimension; a++) {
                t[p * dd + a * dimension + a] = 1.0;
            }
        }
    }

    /**
     * @param r register index
     * @return the register's Jacobians (count × d × d) in tangent mode
     */
    double[] tangent(int r) {
        return tangents[r];
    }

    void startChunk(int first, int size, int totalSteps, double end) {
        this.gridEnd = end;
        if (size > capacity) {
            throw new IllegalArgumentException("chunk of " + size + " particles exceeds capacity " + capacity);
        }
        this.firstParticle = first;
        this.count = size;
        this.steps = totalSteps;
        this.evaluations = 0;
        java.util.Arrays.fill(memory, 0.0);
    }

    void startStep(int index, double t0, double t1) {
        this.step = index;
        this.stepStart = t0;
        this.stepEnd = t1;
    }

    /** @return the schedule */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** @return the model */
    public ScoreModel model() {
        return model;
    }

    /** @return the dimension d */
    public int dimension() {
        return dimension;
    }

    /** @return the number of particles in this chunk */
    public int count() {
        return count;
    }

    /** @return the global index of this chunk's first particle */
    public int firstParticle() {
        return firstParticle;
    }

    /** @return the index of the current step, from 0 */
    public int stepIndex() {
        return step;
    }

    /** @return the last time of the grid being integrated */
    public double gridEnd() {
        return gridEnd;
    }

    /** @return the number of steps of the grid (0 when unknown, as for adaptive solvers) */
    public int totalSteps() {
        return steps;
    }

    /** @return whether the current step is the first of the integration */
    public boolean isFirstStep() {
        return step == 0;
    }

    /** @return whether the current step is the last of the integration (known for fixed grids) */
    public boolean isLastStep() {
        return step == steps - 1;
    }

    /** @return model evaluations so far in this chunk */
    public long evaluations() {
        return evaluations;
    }

    /**
     * Scalar history for multistep solvers (e.g. the previous step size), cleared at the start of each chunk.
     *
     * @param slot 0 … 7
     * @return the stored value
     */
    public double memory(int slot) {
        return memory[slot];
    }

    /**
     * @param slot  0 … 7
     * @param value the value to keep until the next step
     */
    public void remember(int slot, double value) {
        memory[slot] = value;
    }

    /**
     * Direct access to a register, for solvers with per-particle nonlinear operations (e.g. step sizes from norms).
     * Tangent mode cannot see what is done through this array, so there it is refused: a solver whose update went
     * through it would be given the Jacobian — and the model density ({@code FlowDensity}) — of another map.
     *
     * @param r register index
     * @return the array; rows {@code 0 … count()−1} are live
     * @throws UntrackedRegisterException in tangent mode (exact log-determinants), naming the register
     */
    public double[] register(int r) {
        if (tangents != null) {
            throw new UntrackedRegisterException(r);
        }
        return registers[r];
    }

    /**
     * @param r register index
     * @return the array itself, for the integrator's own copies in and out of the state register
     */
    double[] raw(int r) {
        return registers[r];
    }

    private int length() {
        return count * dimension;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Model evaluations (one NFE each)
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A model that refused a state mid-run (e.g. so large its log-density overflows), with the step and times. The
     * model calls catch inline rather than through a helper: one more call level on the score path pushes the Vector
     * API kernels past C2's inlining depth, and their boxes are then no longer eliminated.
     */
    private IntegrationException refused(double t, IllegalArgumentException e) {
        return new IntegrationException(IntegrationException.Reason.MODEL_FAILED, "the model refused its input at "
                + "step " + step + " (t = " + stepStart + " → " + stepEnd + "), evaluated at t = " + t + ": "
                + e.getMessage());
    }

    private void checkFinite(int in, double t) {
        double[] x = registers[in];
        for (int i = 0; i < length(); i++) {
            if (!Double.isFinite(x[i])) {
                int particle = firstParticle + i / dimension;
                throw new IntegrationException(IntegrationException.Reason.NON_FINITE_VALUE, "non-finite value "
                        + x[i] + " in coordinate " + (i % dimension) + " of particle " + particle + " at step " + step
                        + " (t = " + stepStart + " → " + stepEnd + "), before evaluating the model at t = " + t);
            }
        }
    }

    /**
     * Tangent mode: T_out ← identityCoefficient · T_in + jacobianCoefficient · (∇s_θ(t, in) T_in), per particle.
     * Computed before the value so that out may alias in.
     */
    private void modelTangent(double t, int in, int out, double identityCoefficient, double jacobianCoefficient) {
        if (tangents == null) {
            return;
        }
        int d = dimension;
        int dd = d * d;
        double[] source = tangents[in];
        if (jacobianCoefficient != 0) {
            ((DifferentiableScoreModel) model).jacobian(t, registers[in], 0, count, modelJacobian);
        }
        for (int p = 0; p < count; p++) {
            int o = p * dd;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double sum = identityCoefficient * source[o + a * d + b];
                    if (jacobianCoefficient != 0) {
                        double product = 0;
                        for (int k = 0; k < d; k++) {
                            product += modelJacobian[o + a * d + k] * source[o + k * d + b];
                        }
                        sum += jacobianCoefficient * product;
                    }
                    tangentScratch[o + a * d + b] = sum;
                }
            }
        }
        System.arraycopy(tangentScratch, 0, tangents[out], 0, count * dd);
    }

    /** Tangent-mode coefficients (identity, Jacobian) of x̂₀ = (z + σ² s)/α, or of the constant prior mean at α = 0. */
    private double[] dataTangentCoefficients(double t) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        return alpha == 0 ? new double[] {0, 0} : new double[] {1 / alpha, sigma * sigma / alpha};
    }

    /**
     * out ← s_θ(t, in).
     *
     * @param t the time
     * @param in the input register
     * @param out receives the result. Modified.
     */
    public void score(double t, int in, int out) {
        checkFinite(in, t);
        modelTangent(t, in, out, 0, 1);
        try {
            model.score(t, registers[in], 0, count, registers[out]);
        } catch (IllegalArgumentException e) {
            throw refused(t, e);
        }
        evaluations++;
    }

    /**
     * out ← ε̂(t, in) = −σ(t) s_θ(t, in).
     *
     * @param t the time
     * @param in the input register
     * @param out receives the result. Modified.
     */
    public void noisePrediction(double t, int in, int out) {
        modelTangent(t, in, out, 0, -schedule.sigma(t));
        checkFinite(in, t);
        try {
            model.score(t, registers[in], 0, count, registers[out]);
        } catch (IllegalArgumentException e) {
            throw refused(t, e);
        }
        evaluations++;
        double minusSigma = -schedule.sigma(t);
        double[] o = registers[out];
        for (int i = 0; i < length(); i++) {
            o[i] *= minusSigma;
        }
    }

    /**
     * out ← x̂₀(t, in), the model's data prediction (Tweedie's formula unless the model predicts x₀ natively).
     *
     * @param t the time
     * @param in the input register
     * @param out receives the result. Modified.
     */
    public void dataPrediction(double t, int in, int out) {
        checkFinite(in, t);
        if (tangents != null) {
            double[] c = dataTangentCoefficients(t);
            modelTangent(t, in, out, c[0], c[1]);
        }
        try {
            model.dataPrediction(schedule, t, registers[in], 0, count, registers[out]);
        } catch (IllegalArgumentException e) {
            throw refused(t, e);
        }
        evaluations++;
    }

    /**
     * Both predictions from one model evaluation: {@code ε̂ = −σ s} and {@code x̂₀ = (z + σ² s)/α}; where
     * {@code α = 0} the model's native x̂₀ and {@code ε̂ = (z − α x̂₀)/σ}.
     *
     * @param t the time
     * @param in the input register
     * @param noiseOut the register receiving ε̂
     * @param dataOut the register receiving x̂₀
     */
    public void predictions(double t, int in, int noiseOut, int dataOut) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        double[] z = registers[in];
        double[] eps = registers[noiseOut];
        double[] x0 = registers[dataOut];
        if (alpha == 0) {
            if (tangents != null) {
                modelTangent(t, in, noiseOut, 1 / sigma, 0);
            }
            dataPrediction(t, in, dataOut);
            for (int i = 0; i < length(); i++) {
                eps[i] = z[i] / sigma;
            }
            return;
        }
        if (tangents != null) {
            double[] c = dataTangentCoefficients(t);
            modelTangent(t, in, dataOut, c[0], c[1]);
        }
        score(t, in, noiseOut);
        scaleTangent(noiseOut, -sigma);
        double sigmaSquared = sigma * sigma;
        for (int i = 0; i < length(); i++) {
            double s = eps[i];
            x0[i] = (z[i] + sigmaSquared * s) / alpha;
            eps[i] = -sigma * s;
        }
    }

    /**
     * out ← the probability-flow velocity {@code f z − ½ g² s_θ}. Where {@code f} or {@code g²} is infinite (the
     * linear interpolant at t = 1) it is evaluated in the equivalent form {@code α̇ x̂₀ + σ̇ (z − α x̂₀)/σ} from the
     * model's data prediction.
     *
     * @param t the time
     * @param in the input register
     * @param out receives the result. Modified.
     */
    public void velocity(double t, int in, int out) {
        double f = schedule.drift(t);
        double g2 = schedule.diffusionSquared(t);
        double[] z = registers[in];
        double[] o = registers[out];
        if (Double.isFinite(f) && Double.isFinite(g2)) {
            if (tangents != null) {
                modelTangent(t, in, out, f, -0.5 * g2);
            }
            checkFinite(in, t);
            try {
                model.score(t, registers[in], 0, count, registers[out]);
            } catch (IllegalArgumentException e) {
                throw refused(t, e);
            }
            evaluations++;
            double half = 0.5 * g2;
            for (int i = 0; i < length(); i++) {
                o[i] = f * z[i] - half * o[i];
            }
            return;
        }
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        double alphaDot = schedule.alphaDot(t);
        double sigmaDot = schedule.sigmaDot(t);
        if (tangents != null) {
            // u = α̇ x̂₀ + σ̇ (z − α x̂₀)/σ, so ∂u = (α̇ − σ̇α/σ) ∂x̂₀ + (σ̇/σ) I with ∂x̂₀ = c₀ I + c₁ H.
            double[] c = dataTangentCoefficients(t);
            double weight = alphaDot - sigmaDot * alpha / sigma;
            modelTangent(t, in, out, weight * c[0] + sigmaDot / sigma, weight * c[1]);
            checkFinite(in, t);
            try {
                model.dataPrediction(schedule, t, registers[in], 0, count, registers[out]);
            } catch (IllegalArgumentException e) {
                throw refused(t, e);
            }
            evaluations++;
        } else {
            dataPrediction(t, in, out);
        }
        for (int i = 0; i < length(); i++) {
            o[i] = alphaDot * o[i] + sigmaDot * (z[i] - alpha * o[i]) / sigma;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Linear algebra on registers
    // ---------------------------------------------------------------------------------------------------------------

    private int tangentLength() {
        return count * dimension * dimension;
    }

    private void scaleTangent(int r, double a) {
        if (tangents == null) {
            return;
        }
        double[] t = tangents[r];
        for (int i = 0; i < tangentLength(); i++) {
            t[i] *= a;
        }
    }

    /** Tangent mode: T_out ← Σ coefficients[i] · T_{inputs[i]} (inputs read before out is written). */
    private void combineTangents(int out, double a, int x, double b, int y, double c, int w, double e, int v,
                                 int terms) {
        if (tangents == null) {
            return;
        }
        double[] o = tangents[out];
        double[] tx = tangents[x];
        double[] ty = terms > 1 ? tangents[y] : null;
        double[] tw = terms > 2 ? tangents[w] : null;
        double[] tv = terms > 3 ? tangents[v] : null;
        for (int i = 0; i < tangentLength(); i++) {
            double sum = a * tx[i];
            if (terms > 1) {
                sum += b * ty[i];
            }
            if (terms > 2) {
                sum += c * tw[i];
            }
            if (terms > 3) {
                sum += e * tv[i];
            }
            o[i] = sum;
        }
    }

    /**
     * out ← in.
     *
     * @param out receives the result. Modified.
     * @param in the input register
     */
    public void copy(int out, int in) {
        System.arraycopy(registers[in], 0, registers[out], 0, length());
        if (tangents != null) {
            System.arraycopy(tangents[in], 0, tangents[out], 0, tangentLength());
        }
    }

    /**
     * out ← out + a·x.
     *
     * @param out receives the result. Modified.
     * @param a its coefficient
     * @param x a register
     */
    public void addScaled(int out, double a, int x) {
        KERNELS.combine(registers[out], 1, registers[out], a, registers[x], length());
        combineTangents(out, 1, out, a, x, 0, 0, 0, 0, 2);
    }

    /**
     * out ← a·x + b·y.
     *
     * @param out receives the result. Modified.
     * @param a its coefficient
     * @param x a register
     * @param b its coefficient
     * @param y a register
     */
    public void combine(int out, double a, int x, double b, int y) {
        KERNELS.combine(registers[out], a, registers[x], b, registers[y], length());
        combineTangents(out, a, x, b, y, 0, 0, 0, 0, 2);
    }

    /**
     * out ← a·x + b·y + c·w.
     *
     * @param out receives the result. Modified.
     * @param a its coefficient
     * @param x a register
     * @param b its coefficient
     * @param y a register
     * @param c its coefficient
     * @param w a register
     */
    public void combine(int out, double a, int x, double b, int y, double c, int w) {
        KERNELS.combine(registers[out], a, registers[x], b, registers[y], c, registers[w], length());
        combineTangents(out, a, x, b, y, c, w, 0, 0, 3);
    }

    /**
     * out ← a·x + b·y + c·w + e·v.
     *
     * @param out receives the result. Modified.
     * @param a its coefficient
     * @param x a register
     * @param b its coefficient
     * @param y a register
     * @param c its coefficient
     * @param w a register
     * @param e its coefficient
     * @param v a register
     */
    public void combine(int out, double a, int x, double b, int y, double c, int w, double e, int v) {
        KERNELS.combine(registers[out], a, registers[x], b, registers[y], c, registers[w], e, registers[v], length());
        combineTangents(out, a, x, b, y, c, w, e, v, 4);
    }

    /**
     * out ← a·out.
     *
     * @param out receives the result. Modified.
     * @param a its coefficient
     */
    public void scale(int out, double a) {
        double[] o = registers[out];
        for (int i = 0; i < length(); i++) {
            o[i] *= a;
        }
        scaleTangent(out, a);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Noise and norms
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * out ← standard normals for (current step, draw, particle), from the noise source.
     *
     * @param draw which of the step's normal vectors, from 0
     * @param out receives the result. Modified.
     */
    public void gaussian(int draw, int out) {
        noise.normals(step, draw, stepStart, stepEnd, firstParticle, count, dimension, registers[out]);
        if (tangents != null) {
            java.util.Arrays.fill(tangents[out], 0, tangentLength(), 0.0);
        }
    }

    /**
     * The scaled RMS error norm of Hairer, Nørsett and Wanner (II.4.11), over all particles and coordinates of the
     * chunk: {@code √(mean_i (err_i / (atol + rtol · max(|y0_i|, |y1_i|)))²)}.
     *
     * @param error  register holding the error estimate
     * @param y0     register holding the state at the step's start
     * @param y1     register holding the candidate state
     * @param atol   absolute tolerance
     * @param rtol   relative tolerance
     * @return the norm; ≤ 1 means the step is accepted
     */
    public double errorNorm(int error, int y0, int y1, double atol, double rtol) {
        double[] e = registers[error];
        double[] a = registers[y0];
        double[] b = registers[y1];
        double sum = 0;
        for (int i = 0; i < length(); i++) {
            double scale = atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
            double r = e[i] / scale;
            sum += r * r;
        }
        return Math.sqrt(sum / length());
    }
}
