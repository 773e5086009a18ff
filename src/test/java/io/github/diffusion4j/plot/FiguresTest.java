package io.github.diffusion4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.CounterNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every figure writes a PNG of exactly the requested size that is not blank, and an SVG declaring that size, headless.
 * Data are small and seeded; what is checked is the files, not the pictures (those were inspected by eye).
 */
class FiguresTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");

    @TempDir
    Path dir;

    static Stream<Arguments> figures() {
        double[] h = {0.1, 0.05, 0.025, 0.0125};
        double[] nfe = {10, 20, 40, 80};
        Supplier<Figure> convergence = () -> new ConvergencePlot("Convergence", "h", "error", 1)
                .add("euler", h, new double[] {1e-1, 5e-2, 2.5e-2, 1.25e-2}, 1)
                .add("heun", h, new double[] {1e-2, 2.5e-3, 6.25e-4, 0}, 2)
                .add("none", h, new double[] {3e-2, 1e-2, 4e-3, 2e-3}, Double.NaN);
        Supplier<Figure> workPrecision = () -> new WorkPrecisionPlot("Work–precision", "NFE", "KL")
                .add("rk4", nfe, new double[] {1e-6, 1e-8, 1e-10, 1e-12});
        Supplier<Figure> scatter = () -> {
            GaussianMixture ring = BuiltinMixtures.ring8();
            double[] z = samples(ring, 0.05, 300);
            return new ScatterOverContours("ring8", ring, VP, 0.05, z, 300, 0, 1);
        };
        Supplier<Figure> scatter8d = () -> {
            GaussianMixture m = BuiltinMixtures.mixture8d();
            double[] z = samples(m, 0.2, 200);
            return new ScatterOverContours("mixture8d", m, VP, 0.2, z, 200, 2, 5);
        };
        Supplier<Figure> histogram = () -> {
            GaussianMixture bimodal = BuiltinMixtures.bimodal1d();
            double[] z = samples(bimodal, 0.05, 500);
            return new HistogramOverDensity("bimodal1d", bimodal, VP, 0.05, z, 500, 0);
        };
        Supplier<Figure> trajectories = () -> {
            double[] t = {1, 0.5, 0.25, 0.1};
            double[][] states = {{0, 1, 2, 3}, {0.5, 1, 1.5, 2}, {0.7, 0.9, 1.2, 1.5}, {1, 1, 1, 1}};
            return new TrajectoryPlot("trajectories", t, states, 2, 1, 2).reference("mean", t, new double[4]);
        };
        Supplier<Figure> residuals = () -> new ResidualPlot("residuals", "|r|")
                .add("Tweedie", new double[] {0.1, 0.2, 0.4}, new double[] {1e-15, 3e-15, 2e-14})
                .add("continuity", new double[] {0.1, 0.3}, new double[] {1e-12, Double.NaN});
        Supplier<Figure> signedResiduals = () -> new ResidualPlot("signed", "r")
                .add("r", new double[] {0, 0.5, 1}, new double[] {-1e-3, 0, 2e-3});
        return Stream.of(
                Arguments.of("convergence", convergence, 900, 600),
                Arguments.of("work-precision", workPrecision, 640, 480),
                Arguments.of("scatter", scatter, 700, 700),
                Arguments.of("scatter-8d", scatter8d, 500, 400),
                Arguments.of("histogram", histogram, 800, 500),
                Arguments.of("trajectories", trajectories, 900, 600),
                Arguments.of("residuals", residuals, 600, 450),
                Arguments.of("signed-residuals", signedResiduals, 300, 200));
    }

    /** Exact samples of p_t: α x₀ + σ ε. */
    private static double[] samples(GaussianMixture mixture, double t, int n) {
        int d = mixture.dimension();
        double[] x = new double[n * d];
        mixture.sample(org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(11), n, x, null);
        double[] noise = new CounterNoise(12).normals(n, d);
        for (int i = 0; i < x.length; i++) {
            x[i] = VP.alpha(t) * x[i] + VP.sigma(t) * noise[i];
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void writesPngAndSvgOfTheRequestedSize(String name, Supplier<Figure> figure, int width, int height)
            throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests render headless");
        List<Path> files = figure.get().write(dir.resolve("out"), name, width, height);
        assertEquals(List.of(dir.resolve("out").resolve(name + ".png"), dir.resolve("out").resolve(name + ".svg")),
                files);
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(width, png.getWidth());
        assertEquals(height, png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() >= 10, "the PNG has only " + colours.size() + " colours: blank?");
        String svg = Files.readString(files.get(1), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "not an SVG document");
        assertTrue(svg.contains("width=\"" + width + "px\"") && svg.contains("height=\"" + height + "px\""),
                "SVG size is not " + width + " × " + height);
        assertTrue(svg.contains("<path"), "the SVG draws nothing");
    }

    @Test
    void tickLabelsAreCompact() {
        assertEquals("0.05", Charts.scientific(0.05));
        assertEquals("1e-6", Charts.scientific(1e-6));
        assertEquals("2.5e7", Charts.scientific(2.5e7));
        assertEquals("100", Charts.scientific(100.0));
        assertEquals("0", Charts.scientific(0.0));
        assertEquals("⁴", Superscripts.of(4));
        assertEquals("^1.5", Superscripts.of(1.5));
        assertEquals("⁻²", Superscripts.of(-2));
    }
}
