package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Level sets of a function sampled on a regular grid, by marching squares (Lorensen and Cline 1987, in two
 * dimensions): in each grid cell the level crosses the edges whose end values straddle it, at the linearly
 * interpolated point; the two ambiguous cells (opposite corners above the level) are resolved by the value at the
 * cell's centre, the mean of its corners. The result is a list of segments, returned as one polyline broken by NaN
 * (which chart libraries draw as separate pieces).
 */
final class ContourLines {

    private ContourLines() {
    }

    /**
     * @param values row-major samples, {@code values[b·nx + a] = f(x0 + a·dx, y0 + b·dy)}. Not modified.
     * @param nx     samples along x, ≥ 2
     * @param ny     samples along y, ≥ 2
     * @param x0     first x
     * @param dx     x spacing
     * @param y0     first y
     * @param dy     y spacing
     * @param level  the level c of {@code f = c}
     * @return {xs, ys}: segment end points, each segment followed by a NaN point
     */
    static double[][] trace(double[] values, int nx, int ny, double x0, double dx, double y0, double dy,
                            double level) {
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b + 1 < ny; b++) {
            for (int a = 0; a + 1 < nx; a++) {
                // corners counter-clockwise from (a, b): v0 bottom-left, v1 bottom-right, v2 top-right, v3 top-left
                double v0 = values[b * nx + a];
                double v1 = values[b * nx + a + 1];
                double v2 = values[(b + 1) * nx + a + 1];
                double v3 = values[(b + 1) * nx + a];
                double[][] crossings = new double[4][];
                int count = 0;
                double xa = x0 + a * dx;
                double yb = y0 + b * dy;
                if ((v0 > level) != (v1 > level)) {
                    crossings[count++] = new double[] {xa + dx * fraction(v0, v1, level), yb};
                }
                if ((v1 > level) != (v2 > level)) {
                    crossings[count++] = new double[] {xa + dx, yb + dy * fraction(v1, v2, level)};
                }
                if ((v2 > level) != (v3 > level)) {
                    crossings[count++] = new double[] {xa + dx * (1 - fraction(v2, v3, level)), yb + dy};
                }
                if ((v3 > level) != (v0 > level)) {
                    crossings[count++] = new double[] {xa, yb + dy * (1 - fraction(v3, v0, level))};
                }
                if (count == 2) {
                    segment(points, crossings[0], crossings[1]);
                } else if (count == 4) {
                    boolean centreAbove = (v0 + v1 + v2 + v3) / 4 > level;
                    boolean firstAbove = v0 > level;
                    // crossings are on edges bottom, right, top, left; pair them so the centre's side stays connected
                    if (centreAbove == firstAbove) {
                        segment(points, crossings[0], crossings[1]);
                        segment(points, crossings[2], crossings[3]);
                    } else {
                        segment(points, crossings[0], crossings[3]);
                        segment(points, crossings[1], crossings[2]);
                    }
                }
            }
        }
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    /** @return where along the edge from value u to value v the level lies, in [0, 1] */
    private static double fraction(double u, double v, double level) {
        return (level - u) / (v - u);
    }

    private static void segment(List<double[]> points, double[] p, double[] q) {
        points.add(p);
        points.add(q);
        points.add(new double[] {Double.NaN, Double.NaN});
    }
}
