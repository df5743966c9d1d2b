package dev.escalation.internal.validation;

import dev.escalation.spi.internal.BidiControls;
import org.jspecify.annotations.Nullable;

/**
 * The engine's rules for free texts and ids, shared by the constraint validators and the engine's argument checks.
 * Not API: this package is not exported.
 *
 * <ul>
 *   <li><b>Blank</b> means: empty, or only Unicode white space ({@link Character#isWhitespace},
 *       {@link Character#isSpaceChar}) and invisible fillers (zero-width space, joiners, word joiner, byte-order
 *       mark, Mongolian vowel separator, Hangul fillers, Braille blank).
 *   <li><b>Texts</b> must not contain control characters (Unicode category Cc) other than line feed, carriage return
 *       and tab, nor unpaired surrogates; a one-line text (a name) none of those three either, nor a line or
 *       paragraph separator (U+2028, U+2029). Their bidirectional embeddings, overrides and isolates must be
 *       balanced within each paragraph ({@link BidiControls#balanced}), so that a text cannot reorder the text it is
 *       put into.
 *   <li><b>Ids</b> must not be blank, not be longer than their maximum, and contain no control character at all, no
 *       unpaired surrogate and no invisible formatting character (Unicode category Cf: zero-width characters,
 *       bidirectional overrides and isolates, the soft hyphen, the byte-order mark, tag characters): two ids that
 *       look the same are the same id, and an id cannot reorder the text it is shown in.
 * </ul>
 *
 * Lengths count UTF-16 code units, as {@link String#length()} does.
 */
public final class TextRules {
    /** The longest id: as {@code dev.escalation.model} ids allow. */
    public static final int ID_MAX = 128;

    /** Message of a blank value. */
    public static final String BLANK = "must not be blank";
    /** Message prefix of a value that is too long. */
    public static final String TOO_LONG = "must be at most ";
    /** Message of a text with forbidden control characters. */
    public static final String TEXT_CONTROL = "must not contain control characters other than line breaks and tabs";
    /** Message of a one-line text (a name) with control characters, line breaks or tabs. */
    public static final String LINE_CONTROL = "must be one line, without control characters, line breaks or tabs";
    /** Message of an id with control characters. */
    public static final String ID_CONTROL = "must not contain control characters";
    /** Message of a text whose bidirectional controls are not balanced ({@link BidiControls#balanced}). */
    public static final String BIDI =
            "must close each bidirectional embedding, override and isolate it opens, in the same paragraph";
    /** Message of a value with unpaired surrogates. */
    public static final String SURROGATE = "must not contain unpaired surrogate characters";
    /** Message of an id with invisible formatting characters. */
    public static final String ID_FORMAT =
            "must not contain invisible formatting characters (zero-width, bidirectional, soft hyphen)";

    private TextRules() {}

    /**
     * Whether the text is blank in Unicode terms.
     *
     * @param s the text
     * @return {@code true} if empty or only white space and invisible fillers
     */
    public static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            if (!isBlankCodePoint(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isBlankCodePoint(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        switch (cp) {
            case 0x0085: // next line (Cc, but Unicode White_Space)
            case 0x115F: // Hangul choseong filler
            case 0x1160: // Hangul jungseong filler
            case 0x180E: // Mongolian vowel separator
            case 0x200B: // zero-width space
            case 0x200C: // zero-width non-joiner
            case 0x200D: // zero-width joiner
            case 0x2060: // word joiner
            case 0x2800: // Braille pattern blank
            case 0x3164: // Hangul filler
            case 0xFEFF: // zero-width no-break space (byte-order mark)
            case 0xFFA0: // halfwidth Hangul filler
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether the text contains a control character other than line feed, carriage return and tab.
     *
     * @param s the text
     * @param allowLineBreaksAndTabs whether {@code \n}, {@code \r} and {@code \t} are allowed
     * @return {@code true} if it contains a forbidden control character
     */
    public static boolean hasControl(CharSequence s, boolean allowLineBreaksAndTabs) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
                if (!(allowLineBreaksAndTabs && lineBreakOrTab)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the text contains U+2028 (line separator) or U+2029 (paragraph separator): line breaks that are no
     * control characters, refused in a one-line text as a line feed is.
     *
     * @param s the text
     * @return {@code true} if it contains one
     */
    static boolean hasLineSeparator(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text contains an invisible formatting character: a code point of Unicode category Cf ({@link
     * Character#FORMAT}).
     *
     * @param s the text
     * @return {@code true} if it contains one
     */
    public static boolean hasFormat(CharSequence s) {
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            if (Character.getType(cp) == Character.FORMAT) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /**
     * Whether the text contains a high surrogate not followed by a low one, or a low surrogate not preceded by a
     * high one.
     *
     * @param s the text
     * @return {@code true} if it contains an unpaired surrogate
     */
    public static boolean hasUnpairedSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What is wrong with a free text, or {@code null}: the first problem's message, checked in the order length,
     * control characters, unpaired surrogates, balanced bidirectional controls, blank.
     *
     * @param s        the text (not null)
     * @param max      its longest length
     * @param required whether a blank text is wrong
     * @return the message of the problem, or {@code null} if the text is fine
     */
    public static @Nullable String textProblem(CharSequence s, int max, boolean required) {
        return textProblem(s, max, required, false);
    }

    /**
     * What is wrong with a free text, or {@code null}, as {@link #textProblem(CharSequence, int, boolean)}; a
     * {@code singleLine} text (a name) may not contain line breaks or tabs either.
     *
     * @param s          the text (not null)
     * @param max        its longest length
     * @param required   whether a blank text is wrong
     * @param singleLine whether line breaks and tabs are wrong too
     * @return the message of the problem, or {@code null} if the text is fine
     */
    public static @Nullable String textProblem(CharSequence s, int max, boolean required, boolean singleLine) {
        if (s.length() <= max && printable(s, !singleLine)) {
            return required && isBlank(s) ? BLANK : null; // no control character, no surrogate
        }
        return slowTextProblem(s, max, required, singleLine);
    }

    /** {@link #textProblem} by its rules one after the other (what the fast path must equal). */
    static @Nullable String slowTextProblem(CharSequence s, int max, boolean required, boolean singleLine) {
        if (s.length() > max) {
            return TOO_LONG + max + " characters";
        }
        if (hasControl(s, !singleLine) || (singleLine && hasLineSeparator(s))) {
            return singleLine ? LINE_CONTROL : TEXT_CONTROL;
        }
        if (hasUnpairedSurrogate(s)) {
            return SURROGATE;
        }
        if (!BidiControls.balanced(s)) {
            return BIDI;
        }
        if (required && isBlank(s)) {
            return BLANK;
        }
        return null;
    }

    /**
     * What is wrong with an id, or {@code null}.
     *
     * @param s   the id (not null)
     * @param max its longest length
     * @return the message of the problem, or {@code null} if the id is fine
     */
    public static @Nullable String idProblem(CharSequence s, int max) {
        return idProblem(s, max, false);
    }

    /**
     * What is wrong with an id, or {@code null}; with {@code formatCharacters}, invisible formatting characters
     * (Unicode category Cf) are accepted (see {@code SafeId.formatCharacters}).
     *
     * @param s                the id (not null)
     * @param max              its longest length
     * @param formatCharacters whether Cf characters are accepted
     * @return the message of the problem, or {@code null} if the id is fine
     */
    public static @Nullable String idProblem(CharSequence s, int max, boolean formatCharacters) {
        if (s.length() <= max && printable(s, false)) {
            return isBlank(s) ? BLANK : null; // no control character, no surrogate, no formatting character
        }
        return slowIdProblem(s, max, formatCharacters);
    }

    /**
     * Whether every character is printable ASCII ({@code ' '} to {@code '~'}), or a line feed, carriage return or tab
     * where allowed: such a text has no control character, no surrogate and no bidirectional control (one pass
     * instead of three).
     */
    private static boolean printable(CharSequence s, boolean allowLineBreaksAndTabs) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < ' ' || c > '~') && !(allowLineBreaksAndTabs && (c == '\n' || c == '\r' || c == '\t'))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #idProblem(CharSequence, int, boolean)} by its rules one after the other (what the fast path equals). */
    static @Nullable String slowIdProblem(CharSequence s, int max, boolean formatCharacters) {
        if (s.length() > max) {
            return TOO_LONG + max + " characters";
        }
        if (hasControl(s, false)) {
            return ID_CONTROL;
        }
        if (hasUnpairedSurrogate(s)) {
            return SURROGATE;
        }
        if (!formatCharacters && hasFormat(s)) {
            return ID_FORMAT;
        }
        if (isBlank(s)) {
            return BLANK;
        }
        return null;
    }

    /**
     * The rule name a text problem message stands for: {@code "Size"}, {@code "NotBlank"}, {@code "BidiBalanced"} or
     * {@code "Text"}.
     *
     * @param message a message returned by {@link #textProblem}
     * @return the rule
     */
    public static String textRule(String message) {
        if (message.startsWith(TOO_LONG)) {
            return "Size";
        }
        if (message.equals(BLANK)) {
            return "NotBlank";
        }
        if (message.equals(BIDI)) {
            return "BidiBalanced";
        }
        return "Text";
    }
}
