package dev.escalation.spi;

import dev.escalation.spi.internal.BidiControls;

/**
 * The names and titles a directory returns, as the engine passes them on. They reach subjects, bodies, ticket texts
 * and databases that cannot carry every character: PostgreSQL stores no NUL, a line break in a subject line breaks a
 * mail header, an unpaired surrogate is no character at all. So a line break, tab or other whitespace control becomes
 * a space, and any other control character or unpaired surrogate becomes U+FFFD, the replacement character. A
 * bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) that is not paired as Unicode's
 * bidirectional algorithm pairs them (UAX #9: a PDF closes the innermost embedding or override opened after the
 * innermost open isolate, a PDI the innermost isolate and the embeddings inside it, at most 125 deep) becomes U+FFFD
 * too: left open it would reorder the text that follows the name wherever it is shown ("Invoice ", RLO, "gnp.exe");
 * the rule is the engine's ({@link BidiControls#neutralised(String)}). All else is kept. A clean text (the rule) is
 * returned as it is, without a copy.
 */
final class DirectoryText {
    /** The Unicode replacement character. */
    static final char REPLACEMENT = '\uFFFD';

    private DirectoryText() {}

    /** {@code text} with the characters described above replaced; {@code text} itself if there are none. */
    static String of(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (isPair(text, i)) {
                i++;
            } else if (substitute(text.charAt(i)) != text.charAt(i)) {
                return BidiControls.neutralised(replaced(text, i)); // one paragraph: no line break is left
            }
        }
        return BidiControls.neutralised(text);
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
}
