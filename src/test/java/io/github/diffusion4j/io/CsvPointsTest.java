package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPointsTest {

    @TempDir
    Path dir;

    @Test
    void writtenNumbersParseBackToTheSameDoubles() throws IOException {
        double[] values = {Math.PI, -1e-300, 1.0 / 3, Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2};
        StringWriter s = new StringWriter();
        CsvPoints.write(values, 3, 2, new PrintWriter(s));
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "# a comment\n\n" + s);
        CsvPoints.Table table = CsvPoints.read(file, 2);
        assertEquals(3, table.rows());
        assertArrayEquals(values, table.values(), 0.0);
    }

    private void rejects(String content, int columns, String... fragments) throws IOException {
        Path file = dir.resolve("P.csv");
        Files.writeString(file, content);
        InputFormatException e = assertThrows(InputFormatException.class, () -> CsvPoints.read(file, columns));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void malformedRowsNameLineColumnAndValue() throws IOException {
        rejects("1,2\n3,x\n", 2, "P.csv line 2, column 2", "'x' is not a number");
        rejects("1,2\n3,4,5\n", 2, "line 2", "expected 2", "found 3");
        rejects("1,NaN\n", 2, "line 1, column 2", "not a finite number");
        rejects("1,Infinity\n", 2, "not a finite number");
        rejects("\n# only a comment\n", 2, "no points");
        rejects("1,2\n3\n", -1, "line 2", "expected 2");
    }
}
