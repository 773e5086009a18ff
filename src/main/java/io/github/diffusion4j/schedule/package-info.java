/**
 * Forward noising processes {@code z_t = α(t) x₀ + σ(t) ε} (docs/THEORY.md §1): the {@link
 * io.github.diffusion4j.schedule.NoiseSchedule} abstraction, built from one primitive ({@code log α}, {@code log σ}
 * and their derivatives), the built-in continuous schedules ({@link io.github.diffusion4j.schedule.Schedules}) and
 * the discrete DDPM chain ({@link io.github.diffusion4j.schedule.DiscreteDdpmSchedule}).
 *
 * <p>Convention, library-wide: {@code t = 0} is data, {@code t = T} is (near) noise; {@code λ = log(α²/σ²)} is the
 * full log-SNR, {@code λ½ = log(α/σ)} the half log-SNR of the DPM-Solver papers.
 */
package io.github.diffusion4j.schedule;
