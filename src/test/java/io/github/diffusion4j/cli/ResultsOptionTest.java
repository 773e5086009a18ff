package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --results}: the table each command prints, as CSV or JSON that parses back to the printed values. */
class ResultsOptionTest {

    @TempDir
    Path dir;

    @Test
    void verifyWritesOneRowPerClaim() throws IOException {
        Path json = dir.resolve("verify.json");
        CliRun r = run("verify", "--claims", "T1,S2", "--no-report", "--quiet", "--results", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, rows.size());
        assertEquals("T1", rows.get(0).get("id").asText());
        assertEquals("PASS", rows.get(0).get("verdict").asText());
        assertTrue(r.out().contains(rows.get(1).get("measured").asText()), r.out());
        Path csv = dir.resolve("verify.csv");
        assertEquals(0, run("verify", "--claims", "T1", "--no-report", "--quiet", "--results", csv.toString()).code());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("id,statement,measured,tolerance,verdict,source", lines.get(0));
        assertTrue(lines.get(1).startsWith("T1,"), lines.get(1));
    }

    @Test
    void marginalsWritesEveryTimeWithRoundTrippingNumbers() throws IOException {
        Path csv = dir.resolve("marginals.csv");
        CliRun r = run("marginals", "--problem", "bimodal1d", "--n", "200", "--results", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("t,alpha,sigma,log_snr,mean_log_density,mean_score_norm,max_tweedie_residual", lines.get(0));
        assertEquals(11, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(0.0, Double.parseDouble(first[0]) - 1e-5, 1e-5 + 1e-12);
        double alpha = Double.parseDouble(first[1]);
        double sigma = Double.parseDouble(first[2]);
        assertEquals(1.0, alpha * alpha + sigma * sigma, 1e-15, "VP: the row's α and σ are the exact doubles");
    }

    @Test
    void benchAndSampleWriteOneRow() throws IOException {
        Path bench = dir.resolve("bench.json");
        assertEquals(0, run("bench", "score", "--n", "1000", "--warmup", "0", "--repeats", "3", "--results",
                bench.toString()).code());
        JsonNode b = new ObjectMapper().readTree(bench.toFile()).get(0);
        assertTrue(b.get("median_ms").asDouble() >= b.get("min_ms").asDouble());
        assertTrue(b.get("ns_per_point_component_dim").isNumber());
        Path sample = dir.resolve("sample.json");
        CliRun s = run("sample", "--problem", "gauss2", "--steps", "5", "--n", "400", "--results", sample.toString());
        assertEquals(0, s.code(), s.err());
        JsonNode row = new ObjectMapper().readTree(sample.toFile()).get(0);
        assertEquals("gauss2", row.get("problem").asText());
        assertEquals(5, row.get("steps").asInt());
        assertEquals(400, row.get("samples").asInt());
        assertTrue(row.get("kl_lower").asDouble() <= row.get("kl").asDouble(), row.toString());
    }

    @Test
    void aResultsFileOfAnotherKindIsBadInput() {
        CliRun r = run("bench", "score", "--n", "100", "--results", dir.resolve("x.txt").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("x.txt") && r.err().contains(".csv or .json"), r.err());
    }
}
