package dev.escalation.text;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Date;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MessageFormat} pattern without format types ({@code {0}}, never {@code {0,number}}) compiled once into its
 * literal pieces and argument indexes, so formatting is a few appends instead of {@link MessageFormat#format}'s
 * {@code StringBuffer}, field positions and attribute handling. {@link MessageFormat} itself parses the pattern (so
 * quotes and errors are exactly its own); {@link #format} gives the same text as {@code new MessageFormat(pattern,
 * locale).format(args)} for every pattern {@link #compile} accepts (a jqwik property checks it). Immutable, shared.
 */
final class Template {
    /** Marks an argument in the probe output; a pattern containing it is not compiled. */
    private static final char MARK = '\u0000';

    private final Locale locale;
    /** {@code literals[i]} precedes the i-th argument; the last one ends the text. */
    private final String[] literals;

    private final int[] args;
    private final int length;

    private Template(Locale locale, String[] literals, int[] args) {
        this.locale = locale;
        this.literals = literals;
        this.args = args;
        int n = 0;
        for (String s : literals) {
            n += s.length();
        }
        this.length = n;
    }

    /**
     * The compiled form of {@code pattern}, or {@code null} if it uses format types or contains the probe's mark
     * (then use {@link MessageFormat}).
     *
     * @throws IllegalArgumentException if {@code pattern} is not a valid {@link MessageFormat} pattern
     */
    static @Nullable Template compile(String pattern, Locale locale) {
        MessageFormat format = new MessageFormat(pattern, locale);
        if (pattern.indexOf(MARK) >= 0) {
            return null;
        }
        for (Object f : format.getFormats()) {
            if (f != null) {
                return null;
            }
        }
        int count = format.getFormatsByArgumentIndex().length;
        Object[] probes = new Object[count];
        for (int i = 0; i < count; i++) {
            probes[i] = MARK + Integer.toString(i) + MARK;
        }
        String probe = format.format(probes);
        int placeholders = format.getFormats().length;
        String[] literals = new String[placeholders + 1];
        int[] args = new int[placeholders];
        int start = 0;
        for (int k = 0; k < placeholders; k++) {
            int open = probe.indexOf(MARK, start);
            int close = probe.indexOf(MARK, open + 1);
            if (open < 0 || close < 0) {
                return null; // cannot happen: each placeholder printed its probe
            }
            literals[k] = probe.substring(start, open);
            args[k] = Integer.parseInt(probe, open + 1, close, 10);
            start = close + 1;
        }
        if (probe.indexOf(MARK, start) >= 0) {
            return null;
        }
        literals[placeholders] = probe.substring(start);
        return new Template(locale, literals, args);
    }

    /**
     * The text, as {@link MessageFormat#format(Object)} would give it; {@code null} if an argument is a {@link Date}
     * (then use {@link MessageFormat}). Up to four placeholders are joined by one concatenation (the text's bytes
     * allocated once, at their exact size); more go through a builder of the exact length.
     */
    @Nullable
    String format(Object[] arguments) {
        int k = args.length;
        if (k == 0) {
            return literals[0];
        }
        String a0 = argument(arguments, 0);
        if (a0 == null) {
            return null;
        }
        if (k == 1) {
            return literals[0] + a0 + literals[1];
        }
        String a1 = argument(arguments, 1);
        if (a1 == null) {
            return null;
        }
        if (k == 2) {
            return literals[0] + a0 + literals[1] + a1 + literals[2];
        }
        String a2 = argument(arguments, 2);
        if (a2 == null) {
            return null;
        }
        if (k == 3) {
            return literals[0] + a0 + literals[1] + a1 + literals[2] + a2 + literals[3];
        }
        String a3 = argument(arguments, 3);
        if (a3 == null) {
            return null;
        }
        if (k == 4) {
            return literals[0] + a0 + literals[1] + a1 + literals[2] + a2 + literals[3] + a3 + literals[4];
        }
        String[] values = new String[k];
        values[0] = a0;
        values[1] = a1;
        values[2] = a2;
        values[3] = a3;
        int n = length + a0.length() + a1.length() + a2.length() + a3.length();
        for (int i = 4; i < k; i++) {
            values[i] = argument(arguments, i);
            if (values[i] == null) {
                return null;
            }
            n += values[i].length();
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < k; i++) {
            b.append(literals[i]).append(values[i]);
        }
        return b.append(literals[k]).toString();
    }

    /** The text of the {@code k}-th placeholder's argument as {@link MessageFormat} prints it; null for a date. */
    private @Nullable String argument(Object[] arguments, int k) {
        int a = args[k];
        if (a >= arguments.length) {
            return "{" + a + "}";
        }
        Object o = arguments[a];
        if (o == null) {
            return "null";
        } else if (o instanceof String s) {
            return s;
        } else if (o instanceof Number) {
            return NumberFormat.getInstance(locale).format(o);
        } else if (o instanceof Date) {
            return null;
        }
        String s = o.toString();
        return s == null ? "null" : s;
    }
}
