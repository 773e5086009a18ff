package io.github.diffusion4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's help can be copied from an 80-column terminal: no indented footer line — an example command, its
 * continuation or a table row — is longer than the usage width, so picocli never wraps one (a wrapped example would
 * split a command across lines without its backslash). Prose lines may wrap; picocli breaks them between words.
 */
class HelpTextTest {

    @Test
    void noHelpLineIsWrapped() {
        CommandLine root = new CommandLine(Diffusion4j.class);
        List<String> tooLong = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            int width = spec.usageMessage().width();
            for (String line : spec.usageMessage().footer()) {
                if (line.startsWith(" ") && line.length() > width) {
                    tooLong.add(spec.name() + " (" + line.length() + " > " + width + "): " + line);
                }
            }
        }
        assertEquals(List.of(), tooLong);
    }
}
