package io.github.diffusion4j.estimate;

/**
 * Richardson extrapolation (Richardson 1911; Hairer, Nørsett and Wanner, <i>Solving ODEs I</i>, §II.9): if a quantity
 * computed with step h has the expansion {@code A(h) = A + C h^p + O(h^{p+1})}, then
 * <pre>
 *   R(h) = (2^p A(h/2) − A(h)) / (2^p − 1) = A + O(h^{p+1}),
 * </pre>
 * so a method of order p combined from the runs at h and h/2 is of order at least p + 1 (p + 2 when the expansion has
 * no {@code h^{p+1}} term, as for symmetric methods). The runs must use the same grid family, the second with twice as
 * many steps.
 */
public final class Richardson {

    private Richardson() {
    }

    /**
     * @param coarse A(h)
     * @param fine   A(h/2)
     * @param order  p &gt; 0, the order of the leading error term
     * @return R(h)
     */
    public static double extrapolate(double coarse, double fine, double order) {
        double weight = weight(order);
        return (weight * fine - coarse) / (weight - 1);
    }

    /**
     * Element-wise extrapolation, e.g. of a batch of end points.
     *
     * @param coarse A(h), any shape. Not modified.
     * @param fine   A(h/2), same length. Not modified.
     * @param order  p &gt; 0
     * @return R(h), a new array
     */
    public static double[] extrapolate(double[] coarse, double[] fine, double order) {
        if (coarse.length != fine.length) {
            throw new IllegalArgumentException("coarse and fine results differ in length: " + coarse.length + " vs "
                    + fine.length);
        }
        double weight = weight(order);
        double[] out = new double[coarse.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (weight * fine[i] - coarse[i]) / (weight - 1);
        }
        return out;
    }

    private static double weight(double order) {
        if (!(order > 0) || !Double.isFinite(order)) {
            throw new IllegalArgumentException("order must be positive and finite, got " + order);
        }
        return Math.pow(2, order);
    }
}
