package dev.escalation.spi;

/**
 * The names and titles a directory returns, as the engine passes them on. They reach subjects, bodies, ticket texts
 * and databases that cannot carry every character: PostgreSQL stores no NUL, a line break in a subject line breaks a
 * mail header, an unpaired surrogate is no character at all. So a line break, tab or other whitespace control becomes
 * a space, and any other control character or unpaired surrogate becomes U+FFFD, the replacement character; all else
 * is kept. A clean text (the rule) is returned as it is, without a copy.
 */
final class DirectoryText {
    /** The Unicode replacement character. */
    static final char REPLACEMENT = '\uFFFD';

    private DirectoryText() {}

    /** {@code text} with the characters described above replaced; {@code text} itself if there are none. */
    static String of(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029') {
                return replaced(text, i);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return replaced(text, i);
                }
            }
        }
        return text;
    }

    private static String replaced(String text, int from) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n).append(text, 0, from);
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else if (isLineOrSpaceControl(c)) {
                out.append(' ');
            } else if (c < ' ' || (c >= '\u007f' && c <= '\u009f')) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Tab, line feed, vertical tab, form feed, carriage return, next line, line and paragraph separator. */
    private static boolean isLineOrSpaceControl(char c) {
        return (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
