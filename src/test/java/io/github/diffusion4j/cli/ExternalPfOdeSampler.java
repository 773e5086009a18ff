package io.github.diffusion4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.diffusion4j.io.Npy;

/**
 * An external sampler for {@code converge --external} tests, written the way a user would write one in another
 * language: its own vp-linear schedule and exact Gaussian score, no diffusion4j maths (only {@link Npy} for the file
 * format). It integrates the probability-flow ODE {@code dz/dt = −½ β(t) (z + ∇log p_t(z))} of Gaussian data
 * {@code N(μ, Σ)}, where {@code p_t = N(α μ, α² Σ + σ² I)}, {@code α = exp(−¼t²(β₁−β₀) − ½tβ₀)}, {@code σ² = 1 − α²},
 * {@code β(t) = β₀ + t(β₁ − β₀)}, β₀ = 0.1, β₁ = 20, on the grid of the times file, by Euler (order 1) or Heun
 * (order 2).
 *
 * <p>Usage: {@code euler|heun TIMES INIT OUT MEAN COV [MODE]} with {@code MEAN} = {@code μ_1,…,μ_d} and {@code COV}
 * = Σ row-major, comma-separated. {@code MODE} simulates a broken command: {@code fail} (exit 3 after writing to
 * stderr), {@code sleep} (60 s), {@code shape} (one column too many), {@code nan}, {@code float32}, {@code nowrite}.
 */
public final class ExternalPfOdeSampler {

    private static final double BETA_0 = 0.1;
    private static final double BETA_1 = 20;

    private ExternalPfOdeSampler() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception on any failure (the test then sees a non-zero exit code)
     */
    public static void main(String[] args) throws Exception {
        String method = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        double[] times = lines.stream().mapToDouble(Double::parseDouble).toArray();
        Npy.Array init = Npy.read(Path.of(args[2]));
        Path out = Path.of(args[3]);
        double[] mean = parse(args[4]);
        double[] covariance = parse(args[5]);
        String mode = args.length > 6 ? args[6] : "ok";
        if (mode.equals("fail")) {
            System.err.println("boom: simulated failure");
            System.exit(3);
        }
        if (mode.equals("sleep")) {
            Thread.sleep(60_000);
        }
        int n = init.rows();
        int d = init.columns();
        double[] z = init.values().clone();
        double[] k1 = new double[d];
        double[] k2 = new double[d];
        double[] trial = new double[d];
        for (int p = 0; p < n; p++) {
            double[] x = new double[d];
            System.arraycopy(z, p * d, x, 0, d);
            for (int i = 0; i + 1 < times.length; i++) {
                double t0 = times[i];
                double h = times[i + 1] - t0;
                velocity(x, t0, mean, covariance, k1);
                if (method.equals("euler")) {
                    for (int j = 0; j < d; j++) {
                        x[j] += h * k1[j];
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        trial[j] = x[j] + h * k1[j];
                    }
                    velocity(trial, times[i + 1], mean, covariance, k2);
                    for (int j = 0; j < d; j++) {
                        x[j] += 0.5 * h * (k1[j] + k2[j]);
                    }
                }
            }
            System.arraycopy(x, 0, z, p * d, d);
        }
        switch (mode) {
            case "nowrite":
                return;
            case "shape":
                Npy.write(out, new double[n * (d + 1)], n, d + 1);
                return;
            case "nan":
                z[0] = Double.NaN;
                Npy.write(out, z, n, d);
                return;
            case "float32":
                writeFloat32(out, z, n, d);
                return;
            default:
                Npy.write(out, z, n, d);
        }
    }

    /** The PF-ODE velocity {@code −½ β(t) (z − C⁻¹(z − α μ))}, C = α² Σ + σ² I, by a Cholesky solve. */
    private static void velocity(double[] z, double t, double[] mean, double[] covariance, double[] v) {
        int d = z.length;
        double alpha = Math.exp(-0.25 * t * t * (BETA_1 - BETA_0) - 0.5 * t * BETA_0);
        double sigma2 = -Math.expm1(-0.5 * t * t * (BETA_1 - BETA_0) - t * BETA_0);
        double beta = BETA_0 + t * (BETA_1 - BETA_0);
        double[] c = new double[d * d];
        for (int a = 0; a < d * d; a++) {
            c[a] = alpha * alpha * covariance[a] + (a / d == a % d ? sigma2 : 0);
        }
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = c[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = i == j ? Math.sqrt(sum) : sum / l[j * d + j];
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = z[i] - alpha * mean[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * d + k] * y[k];
            }
            y[i] = sum / l[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k * d + i] * y[k];
            }
            y[i] = sum / l[i * d + i];
        }
        for (int i = 0; i < d; i++) {
            v[i] = -0.5 * beta * (z[i] - y[i]);
        }
    }

    private static double[] parse(String csv) {
        String[] parts = csv.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    private static void writeFloat32(Path file, double[] z, int n, int d) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        int padding = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * z.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : z) {
            b.putFloat((float) v);
        }
        Files.write(file, b.array());
    }
}
