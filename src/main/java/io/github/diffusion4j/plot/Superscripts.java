package io.github.diffusion4j.plot;

import java.util.Locale;

/**
 * Exponents for legends: integers in Unicode superscript digits ({@code ∝ h⁴}); other numbers, for which Unicode has
 * no superscript decimal point, with a caret ({@code ∝ h^0.5}).
 */
final class Superscripts {

    private static final String DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Superscripts() {
    }

    /** @return the exponent: superscript digits (and minus sign) for an integer, else {@code ^} and the number */
    static String of(double value) {
        String text = plain(value);
        if (value != Math.rint(value)) {
            return "^" + text;
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c == '-' ? '⁻' : DIGITS.charAt(c - '0'));
        }
        return out.toString();
    }

    /** @return the number without a trailing {@code .0} */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }
}
