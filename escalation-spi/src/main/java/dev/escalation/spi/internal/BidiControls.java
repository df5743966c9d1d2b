package dev.escalation.spi.internal;

/**
 * Unicode's explicit bidirectional controls in a text: the embeddings and overrides LRE, RLE, LRO, RLO closed by PDF
 * (U+202A–U+202E) and the isolates LRI, RLI, FSI closed by PDI (U+2066–U+2069). One left open reorders the text that
 * follows it wherever the text is put into a larger one ("Trojan Source": "Invoice ", RLO, "gnp.exe" reads
 * "Invoice exe.png"); the implicit marks (LRM, RLM, ALM) open nothing and are not concerned.
 *
 * <p>A text is <b>balanced</b> if every control is paired as the Unicode Bidirectional Algorithm (UAX #9, rules
 * X1–X8) pairs them within a paragraph (a paragraph ends at a line feed, carriage return, U+001C–U+001E, U+0085 or
 * U+2029): a PDF closes the innermost open embedding or override, but not if an isolate was opened after it; a PDI
 * closes the innermost open isolate together with every embedding opened inside it; nothing nests deeper than UAX
 * #9's 125 levels; every opener is closed before its paragraph ends, and no PDF or PDI is left without an opener.
 * A balanced text cannot reorder anything outside itself, nor close what a text around it opened.
 *
 * <p>Checking reads the text once and allocates nothing: only a character in U+202A–U+2069 takes a second look.
 * One implementation for the SPI's directory records (their names and titles) and the engine (validation and
 * rendering). Not API: it may change in any release.
 */
public final class BidiControls {
    /** UAX #9's max_depth: how deep embeddings and isolates may nest. */
    private static final int MAX_DEPTH = 125;

    private static final char PDF = '\u202C';
    private static final char PDI = '\u2069';
    private static final char REPLACEMENT = '\uFFFD';

    private BidiControls() {}

    /**
     * Whether every explicit bidirectional control of the text is paired (see the class description).
     *
     * @param s the text
     * @return {@code true} if balanced, also for a text without such controls
     */
    public static boolean balanced(CharSequence s) {
        int depth = 0; // open embeddings and isolates
        int isolates = 0; // of them isolates
        long low = 0; // bit d: whether the d-th open one (from the outermost, d < 64) is an isolate
        long high = 0; // the same for 64 <= d < 128
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\u202A' && c <= PDI) {
                if (c == PDF) {
                    if (depth == 0 || isIsolate(low, high, depth - 1)) {
                        return false; // closes nothing, or would close an isolate
                    }
                    depth--;
                } else if (c == PDI) {
                    if (isolates == 0) {
                        return false;
                    }
                    while (!isIsolate(low, high, --depth)) {
                        // the embeddings opened inside the isolate end with it
                    }
                    isolates--;
                } else if (c <= '\u202E' || c >= '\u2066') {
                    if (depth == MAX_DEPTH) {
                        return false;
                    }
                    boolean isolate = c >= '\u2066';
                    long bit = 1L << (depth & 63);
                    if (depth < 64) {
                        low = isolate ? low | bit : low & ~bit;
                    } else {
                        high = isolate ? high | bit : high & ~bit;
                    }
                    depth++;
                    if (isolate) {
                        isolates++;
                    }
                }
            } else if (depth != 0 && isParagraphSeparator(c)) {
                return false; // the paragraph ends with something open
            }
        }
        return depth == 0;
    }

    private static boolean isIsolate(long low, long high, int d) {
        return ((d < 64 ? low : high) >>> (d & 63) & 1) != 0;
    }

    /**
     * Whether {@code c} ends a paragraph for the bidirectional algorithm (class B).
     *
     * @param c a character
     * @return {@code true} for line feed, carriage return, U+001C–U+001E, U+0085 and U+2029
     */
    private static boolean isParagraphSeparator(char c) {
        return c == '\n' || c == '\r' || (c >= '\u001C' && c <= '\u001E') || c == '\u0085' || c == '\u2029';
    }

    /**
     * The text with every control that is not paired replaced by U+FFFD, the replacement character, so that it is
     * balanced and reads in its own order where it is put; everything else is kept in place. A balanced text is
     * returned as it is, without a copy.
     *
     * @param s the text
     * @return {@code s} itself if balanced, else a balanced text of the same length
     */
    public static String neutralised(String s) {
        if (balanced(s)) {
            return s;
        }
        char[] out = s.toCharArray();
        int[] open = new int[MAX_DEPTH]; // positions of the open ones, outermost first
        int depth = 0;
        int isolates = 0;
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c == PDF) {
                if (depth > 0 && out[open[depth - 1]] < '\u2066') {
                    depth--;
                } else {
                    out[i] = REPLACEMENT;
                }
            } else if (c == PDI) {
                if (isolates > 0) {
                    while (out[open[--depth]] < '\u2066') {
                        // the embeddings opened inside the isolate end with it
                    }
                    isolates--;
                } else {
                    out[i] = REPLACEMENT;
                }
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2068')) {
                if (depth == MAX_DEPTH) {
                    out[i] = REPLACEMENT;
                } else {
                    open[depth++] = i;
                    if (c >= '\u2066') {
                        isolates++;
                    }
                }
            } else if (isParagraphSeparator(c)) {
                depth = replaceOpen(out, open, depth);
                isolates = 0;
            }
        }
        replaceOpen(out, open, depth);
        return new String(out);
    }

    /**
     * Pattern arguments with each one's text {@link #neutralised(String) neutralised}, for a text made of a pattern
     * and values: no value can reorder the pattern's own text after it, or close what the pattern opened.
     *
     * @param args the arguments of a {@link java.text.MessageFormat} pattern
     * @return {@code args} itself if no argument has an unpaired control (numbers and dates have none), else a copy
     *     with the text ({@code toString()}, as the pattern prints it) of each such argument neutralised
     */
    public static Object[] neutralised(Object[] args) {
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            Object o = args[i];
            if (o == null || o instanceof Number || o instanceof java.util.Date) {
                continue; // formatted for the locale: no bidi control
            }
            String s = o.toString();
            String n = s == null ? null : neutralised(s);
            if (n != s) {
                if (out == args) {
                    out = args.clone();
                }
                out[i] = n;
            }
        }
        return out;
    }

    /** Replaces the {@code depth} open controls; returns 0, the depth after. */
    private static int replaceOpen(char[] out, int[] open, int depth) {
        for (int d = 0; d < depth; d++) {
            out[open[d]] = REPLACEMENT;
        }
        return 0;
    }
}
