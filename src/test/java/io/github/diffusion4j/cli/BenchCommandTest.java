package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench} prints median, min and max in its key=value format; bad input exits 2. (No timing is asserted.) */
class BenchCommandTest {

    @Test
    void printsTheTimingKeys() {
        CliRun r = run("bench", "score", "--n", "2000", "--k", "4", "--d", "3", "--covariance", "full", "--threads",
                "2", "--warmup", "1", "--repeats", "3");
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        assertTrue(r.out().matches("(?s)# score: n=2000 K=4 d=3 full, 2 thread\\(s\\).*median_ms=\\d+\\.\\d+\\n"
                + "min_ms=\\d+\\.\\d+\\nmax_ms=\\d+\\.\\d+\\nns_per_point_component_dim=\\d+\\.\\d+\\n"), r.out());
        CliRun s = run("bench", "sample", "--n", "500", "--steps", "5", "--warmup", "0", "--repeats", "1");
        assertEquals(Diffusion4j.OK, s.code(), s.err());
        assertTrue(s.out().contains("median_ms="), s.out());
    }

    @Test
    void badInputExitsTwo() {
        assertEquals(Diffusion4j.BAD_INPUT, run("bench", "nothing").code());
        CliRun r = run("bench", "score", "--covariance", "isotropic", "--n", "10");
        assertEquals(Diffusion4j.BAD_INPUT, r.code());
        assertTrue(r.err().contains("isotropic"), r.err());
    }
}
