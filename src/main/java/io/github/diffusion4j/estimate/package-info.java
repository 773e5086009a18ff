/**
 * Error estimators and convergence studies (docs/THEORY.md §6).
 *
 * <ul>
 * <li>Exact, no sampling: Gaussian laws and their KL and W2 ({@link io.github.diffusion4j.estimate.GaussianLaw}); the
 * exact output law of any fixed-grid solver on Gaussian data in O(steps·d³)
 * ({@link io.github.diffusion4j.estimate.ExactSolverLaw}).</li>
 * <li>Exact per sample, Monte Carlo over samples: model densities of ODE samplers carried through every step
 * ({@link io.github.diffusion4j.estimate.FlowDensity}); the probability-flow likelihood with exact or Hutchinson
 * divergence ({@link io.github.diffusion4j.estimate.FlowLikelihood}, {@link io.github.diffusion4j.estimate.Hutchinson});
 * the initialisation and score terms of the T16 bound ({@link io.github.diffusion4j.estimate.ErrorDecomposition}).</li>
 * <li>From samples alone: Kozachenko–Leonenko entropy and k-NN KL on a k-d tree
 * ({@link io.github.diffusion4j.estimate.KozachenkoLeonenkoEntropy},
 * {@link io.github.diffusion4j.estimate.NearestNeighborKl}), unbiased MMD with a permutation test
 * ({@link io.github.diffusion4j.estimate.Mmd}), sliced W2 ({@link io.github.diffusion4j.estimate.SlicedWasserstein}),
 * per-dimension Kolmogorov–Smirnov tests ({@link io.github.diffusion4j.estimate.MarginalKolmogorovSmirnov}).</li>
 * <li>Discretisation error and orders: {@link io.github.diffusion4j.estimate.ConvergenceStudy} over grids or
 * tolerances with exact-KL, strong and weak metrics ({@link io.github.diffusion4j.estimate.ExactKlError},
 * {@link io.github.diffusion4j.estimate.StrongError}, {@link io.github.diffusion4j.estimate.WeakError}), order fits
 * with confidence intervals ({@link io.github.diffusion4j.estimate.OrderFit}) judged against declared orders
 * ({@link io.github.diffusion4j.estimate.ConvergenceVerdict}, the criterion of verify's S1), samplers seen only
 * through their final points ({@link io.github.diffusion4j.estimate.PointSampler}, measured against the exact
 * probability-flow map of their starting points), work–precision curves and Richardson extrapolation
 * ({@link io.github.diffusion4j.estimate.Richardson}).</li>
 * </ul>
 *
 * <p>Every estimate with sampling error is an {@link io.github.diffusion4j.estimate.Estimate}: value, standard error
 * and a confidence interval.
 */
package io.github.diffusion4j.estimate;
