package io.github.diffusion4j.plot;

/** Keeps the points that a log–log chart can draw: both coordinates positive and finite. */
final class Positive {

    private Positive() {
    }

    /** @return {x, y} restricted to the points with x &gt; 0 and y &gt; 0, both finite */
    static double[][] points(double[] x, double[] y) {
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i]) && usable(y[i])) {
                kept++;
            }
        }
        double[][] out = new double[2][kept];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i]) && usable(y[i])) {
                out[0][k] = x[i];
                out[1][k] = y[i];
                k++;
            }
        }
        return out;
    }

    private static boolean usable(double v) {
        return v > 0 && Double.isFinite(v);
    }
}
