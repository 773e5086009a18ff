package io.github.diffusion4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code --external} commands are split like sh words, without a shell, and placeholders replaced per argument. */
class CommandTemplateTest {

    private static final Map<String, String> VALUES = Map.of("{steps}", "16", "{times}", "/tmp/a b/times.txt",
            "{init}", "/tmp/a b/init.npy", "{out}", "/tmp/a b/out.npy", "{seed}", "7");

    @Test
    void quotesEscapesAndPlaceholdersInsideWords() {
        CommandTemplate t = CommandTemplate.parse("  python3 -c 'import sys; print(1)' \"my dir/s.py\" "
                + "--out={out} {init} a\\ b \"q\\\"x\\\\\" '' {times} n={steps}:{seed} {other}");
        assertEquals(List.of("python3", "-c", "import sys; print(1)", "my dir/s.py", "--out=/tmp/a b/out.npy",
                "/tmp/a b/init.npy", "a b", "q\"x\\", "", "/tmp/a b/times.txt", "n=16:7", "{other}"),
                t.argv(VALUES));
    }

    @Test
    void shellSyntaxIsNotSpecial() {
        CommandTemplate t = CommandTemplate.parse("echo $HOME *.npy | tee x > y; {init} {out} {steps}");
        assertEquals(List.of("echo", "$HOME", "*.npy", "|", "tee", "x", ">", "y;", "/tmp/a b/init.npy",
                "/tmp/a b/out.npy", "16"), t.argv(VALUES));
    }

    @Test
    void malformedCommandsAreRejectedWithTheReason() {
        for (String[] c : new String[][] {
            {"", "needs a command"},
            {"run 'x {init} {out} {steps}", "unclosed ' at character 5"},
            {"run \"x {init} {out} {steps}", "unclosed \" at character 5"},
            {"run {init} {out} {steps} \\", "ends in a backslash"},
            {"run {init} {steps}", "no {out} placeholder"},
            {"run {out} {steps}", "no {init} placeholder"},
            {"run {init} {out}", "neither {steps} nor {times}"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandTemplate.parse(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
