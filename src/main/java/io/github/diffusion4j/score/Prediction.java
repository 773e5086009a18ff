package io.github.diffusion4j.score;

/**
 * What a network predicts, with {@code z = α x₀ + σ ε} (docs/THEORY.md §2–§3).
 */
public enum Prediction {
    /** The score {@code ∇ log p_t(z)}. */
    SCORE,
    /** The noise {@code ε̂ = E[ε | z]} (Ho et al. 2020). */
    NOISE,
    /** The data {@code x̂₀ = E[x₀ | z]} (the EDM denoiser {@code D}). */
    DATA,
    /** The VP v-prediction {@code v̂ = α ε̂ − σ x̂₀} (Salimans and Ho 2022). */
    V,
    /** The flow-matching velocity {@code û = α̇ x̂₀ + σ̇ ε̂} (Lipman et al. 2023; Liu et al. 2023). */
    VELOCITY
}
