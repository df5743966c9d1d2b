package dev.escalation.spi;

/**
 * The names and titles a directory returns, as the engine passes them on. They reach subjects, bodies, ticket texts
 * and databases that cannot carry every character: PostgreSQL stores no NUL, a line break in a subject line breaks a
 * mail header, an unpaired surrogate is no character at all. So a line break, tab or other whitespace control becomes
 * a space, and any other control character or unpaired surrogate becomes U+FFFD, the replacement character. A
 * bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) that is not paired as Unicode's
 * bidirectional algorithm pairs them (UAX #9: a PDF closes the innermost embedding or override opened after the
 * innermost open isolate, a PDI the innermost isolate and the embeddings inside it, at most 125 deep) becomes U+FFFD
 * too: left open it would reorder the text that follows the name wherever it is shown ("Invoice ", RLO, "gnp.exe").
 * All else is kept. A clean text (the rule) is returned as it is, without a copy.
 */
final class DirectoryText {
    /** The Unicode replacement character. */
    static final char REPLACEMENT = '\uFFFD';

    /** UAX #9's max_depth: how deep embeddings and isolates nest. */
    private static final int MAX_DEPTH = 125;

    private static final char PDF = '\u202C';
    private static final char PDI = '\u2069';

    private DirectoryText() {}

    /** {@code text} with the characters described above replaced; {@code text} itself if there are none. */
    static String of(String text) {
        int n = text.length();
        boolean bidi = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isPair(text, i)) {
                i++;
            } else if (substitute(c) != c) {
                return paired(replaced(text, i));
            } else if (isBidi(c)) {
                bidi = true;
            }
        }
        return bidi ? paired(text) : text;
    }

    private static String replaced(String text, int from) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n).append(text, 0, from);
        for (int i = from; i < n; i++) {
            if (isPair(text, i)) {
                out.append(text, i, i + 2);
                i++;
            } else {
                out.append(substitute(text.charAt(i)));
            }
        }
        return out.toString();
    }

    /** Whether a surrogate pair (one character outside the BMP) starts at {@code i}. */
    private static boolean isPair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** What an unpaired UTF-16 unit becomes: a space, U+FFFD, or itself. */
    private static char substitute(char c) {
        if ((c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
            return ' '; // tab, line feed, vertical tab, form feed, carriage return, next line, line/paragraph separator
        }
        if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || Character.isSurrogate(c)) {
            return REPLACEMENT;
        }
        return c;
    }

    /** Whether {@code c} is an explicit bidirectional embedding, override or isolate, or their end. */
    private static boolean isBidi(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= PDI);
    }

    /**
     * {@code text} (without line breaks: one paragraph) with its unpaired bidi controls replaced by U+FFFD; {@code
     * text} itself if it has none.
     */
    private static String paired(String text) {
        char[] out = null;
        int[] open = new int[MAX_DEPTH]; // positions of the open ones, outermost first
        int depth = 0;
        int isolates = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int unpaired = -1;
            if (c == PDF) {
                if (depth > 0 && text.charAt(open[depth - 1]) < '\u2066') { // an embedding or override
                    depth--;
                } else {
                    unpaired = i;
                }
            } else if (c == PDI) {
                if (isolates > 0) {
                    while (text.charAt(open[--depth]) < '\u2066') {
                        // the embeddings opened inside the isolate end with it
                    }
                    isolates--;
                } else {
                    unpaired = i;
                }
            } else if (isBidi(c)) {
                if (depth == MAX_DEPTH) {
                    unpaired = i;
                } else {
                    open[depth++] = i;
                    isolates += c >= '\u2066' ? 1 : 0;
                }
            }
            if (unpaired >= 0) {
                out = replace(out, text, unpaired);
            }
        }
        for (int d = 0; d < depth; d++) {
            out = replace(out, text, open[d]);
        }
        return out == null ? text : new String(out);
    }

    private static char[] replace(char[] out, String text, int at) {
        char[] chars = out == null ? text.toCharArray() : out;
        chars[at] = REPLACEMENT;
        return chars;
    }
}
