package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Everything a reader of a clone is pointed to is in the clone: no file refers to a document outside the repository
 * (the development spec beside it), and every "docs/THEORY.md §n" cited exists as a section of the theory document.
 */
class SelfContainedDocumentsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern SECTION = Pattern.compile("docs/THEORY\\.md (§\\d+)");

    private static List<Path> textFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !ROOT.relativize(p).toString().matches("(\\.git|.*target|\\.mvn)(/.*)?"))
                    .filter(p -> p.toString().matches(".*\\.(java|md|py|sh|ipynb|json|txt)$")
                            || p.getFileName().toString().equals("run"))
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return "";
        }
    }

    @Test
    void noFilePointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : textFiles()) {
            if (file.endsWith("SelfContainedDocumentsTest.java")) {
                continue;
            }
            String text = read(file);
            if (text.contains("../shared") || text.contains("shared/THEORY") || text.contains("shared/seeds")) {
                outside.add(ROOT.relativize(file).toString());
            }
        }
        assertEquals(List.of(), outside, "files referring to documents outside the repository");
    }

    @Test
    void everyCitedSectionOfTheTheoryDocumentExists() throws IOException {
        String theory = Files.readString(ROOT.resolve("docs/THEORY.md"));
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            Matcher m = SECTION.matcher(read(file));
            while (m.find()) {
                if (!theory.contains("\n## " + m.group(1) + " ")) {
                    missing.add(ROOT.relativize(file) + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
        for (int claim = 1; claim <= 18; claim++) {
            assertTrue(theory.contains("**T" + claim + " "), "T" + claim + " is not described");
        }
    }
}
