package io.github.diffusion4j.solve;

/**
 * Predictor–corrector sampling (Song et al. 2021, Algorithms 2–3): each step runs a predictor from t to s, then M
 * Langevin corrector steps at s,
 * <pre>
 *   z ← z + ε s_θ(s, z) + √(2ε) ξ,     ε = 2 (r ‖ξ‖ / ‖s_θ(s, z)‖)²
 * </pre>
 * with target signal-to-noise ratio r. The step size is computed per particle from that particle's norms (the
 * reference code averages the norms over the batch, which would make a particle's result depend on its batch).
 * Weak order 1 (the predictor's); (1 + M) NFE and draws per step when the predictor is Euler–Maruyama.
 */
public final class PredictorCorrector extends Solver {

    private final Solver predictor;
    private final int correctorSteps;
    private final double snr;
    private final int score;
    private final int xi;

    /**
     * @param predictor      a stochastic or deterministic predictor
     * @param correctorSteps M ≥ 1
     * @param snr            the target signal-to-noise ratio r &gt; 0 (0.16 for VE, 0.01 for VP in Song et al.)
     */
    public PredictorCorrector(Solver predictor, int correctorSteps, double snr) {
        super("pc", 1, predictor.registers() + 2, predictor.drawsPerStep() + correctorSteps, 0.5);
        if (correctorSteps < 1 || !(snr > 0) || predictor.isAdaptive()) {
            throw new IllegalArgumentException("need a fixed-step predictor, M ≥ 1 and r > 0; got " + predictor
                    + ", M = " + correctorSteps + ", r = " + snr);
        }
        this.predictor = predictor;
        this.correctorSteps = correctorSteps;
        this.snr = snr;
        this.score = predictor.registers();
        this.xi = predictor.registers() + 1;
    }

    @Override
    public boolean isMultistep() {
        return predictor.isMultistep();
    }

    @Override
    public void begin(StepContext c) {
        predictor.begin(c);
    }

    @Override
    public void step(StepContext c, double t, double s) {
        predictor.step(c, t, s);
        int d = c.dimension();
        for (int m = 0; m < correctorSteps; m++) {
            c.score(s, StepContext.STATE, score);
            c.gaussian(predictor.drawsPerStep() + m, xi);
            double[] z = c.register(StepContext.STATE);
            double[] grad = c.register(score);
            double[] noise = c.register(xi);
            for (int p = 0; p < c.count(); p++) {
                double gradNorm = 0;
                double noiseNorm = 0;
                for (int j = p * d; j < (p + 1) * d; j++) {
                    gradNorm += grad[j] * grad[j];
                    noiseNorm += noise[j] * noise[j];
                }
                if (gradNorm == 0) {
                    continue;
                }
                double epsilon = 2 * snr * snr * noiseNorm / gradNorm;
                double noiseScale = Math.sqrt(2 * epsilon);
                for (int j = p * d; j < (p + 1) * d; j++) {
                    z[j] += epsilon * grad[j] + noiseScale * noise[j];
                }
            }
        }
    }
}
