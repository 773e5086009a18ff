package io.github.diffusion4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command of {@code converge --external "CMD …"}, split into an argument vector once and for all, <em>without a
 * shell</em>: words are separated by unquoted whitespace; {@code '…'} quotes literally; {@code "…"} quotes with
 * {@code \"} and {@code \\} as escapes; outside quotes a backslash escapes the next character. Nothing else is special
 * — no variables, globs, pipes or redirections — so a path with spaces or shell metacharacters substituted for a
 * placeholder stays one argument. Placeholders ({@link #PLACEHOLDERS}) are replaced inside each word, e.g.
 * {@code --out={out}}; other braces are left alone.
 */
final class CommandTemplate {

    /** Steps N, the grid file, the starting points, the output file, the seed. */
    static final List<String> PLACEHOLDERS = List.of("{steps}", "{times}", "{init}", "{out}", "{seed}");

    private final String text;
    private final List<String> words;

    private CommandTemplate(String text, List<String> words) {
        this.text = text;
        this.words = List.copyOf(words);
    }

    /**
     * @param text the command as typed
     * @return the template
     * @throws IllegalArgumentException for an empty command, an unclosed quote, a trailing backslash, or a command
     *                                  without {@code {out}}, without {@code {init}}, or with neither {@code {steps}}
     *                                  nor {@code {times}} (it could not know its resolution)
     */
    static CommandTemplate parse(String text) {
        List<String> words = split(text);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--external needs a command, got '" + text + "'");
        }
        for (String needed : List.of("{out}", "{init}")) {
            if (words.stream().noneMatch(w -> w.contains(needed))) {
                throw new IllegalArgumentException("--external command '" + text + "' has no " + needed
                        + " placeholder; it must read {init} (starting points) and write {out} (final points)");
            }
        }
        if (words.stream().noneMatch(w -> w.contains("{steps}") || w.contains("{times}"))) {
            throw new IllegalArgumentException("--external command '" + text + "' has neither {steps} nor {times}, "
                    + "so it cannot know the grid it is to run on");
        }
        return new CommandTemplate(text, words);
    }

    /** @return the command as typed */
    String text() {
        return text;
    }

    /**
     * @param values the value of each placeholder used, keyed by the placeholder with braces
     * @return the argument vector with every placeholder replaced
     */
    List<String> argv(Map<String, String> values) {
        List<String> argv = new ArrayList<>(words.size());
        for (String word : words) {
            String w = word;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                w = w.replace(entry.getKey(), entry.getValue());
            }
            argv.add(w);
        }
        return argv;
    }

    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw unclosed(text, '\'', i);
                }
                word.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i, word);
            } else if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new IllegalArgumentException("--external command '" + text + "' ends in a backslash");
                }
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the contents of the double-quoted string opening at {@code open}; returns the index after it. */
    private static int doubleQuoted(String text, int open, StringBuilder word) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw unclosed(text, '"', open);
    }

    private static IllegalArgumentException unclosed(String text, char quote, int at) {
        return new IllegalArgumentException("--external command '" + text + "' has an unclosed " + quote
                + " at character " + (at + 1));
    }
}
