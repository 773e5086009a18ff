/**
 * Figures, rendered headless with XChart to PNG and SVG: convergence (error against step size, log–log, with
 * reference slopes), work–precision (error against NFE and wall time), samples over the exact density (2-D scatter over
 * contours of {@code log p_t}, 1-D histogram against {@code p_t}), particle trajectories over t, and residual curves
 * over t. Every figure is a {@link io.github.diffusion4j.plot.Figure}: data in, a chart of a requested size out. This
 * package computes nothing but what it draws (contour lines, histogram bins, reference slopes).
 */
package io.github.diffusion4j.plot;
