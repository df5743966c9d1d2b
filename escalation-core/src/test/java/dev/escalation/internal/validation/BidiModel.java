package dev.escalation.internal.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The tests' own model of how Unicode's bidirectional algorithm (UAX #9, rules X1–X8) pairs the explicit
 * embeddings, overrides and isolates of a text, written plainly (a stack of objects) to be compared with the
 * engine's allocation-free scan: within a paragraph (ended by a paragraph separator of class B), a PDF closes the
 * innermost open embedding or override only if no isolate was opened after it, a PDI closes the innermost open
 * isolate and every embedding opened inside it, and nothing nests deeper than 125. A control that is not paired so
 * is "unmatched"; a text is balanced if none is. Also texts to draw, with such controls in any arrangement.
 */
public final class BidiModel {
    /** LRE, RLE, PDF, LRO, RLO. */
    public static final String EMBEDDINGS = "\u202A\u202B\u202C\u202D\u202E";
    /** LRI, RLI, FSI, PDI. */
    public static final String ISOLATES = "\u2066\u2067\u2068\u2069";
    /** Every control the rule is about. */
    public static final String CONTROLS = EMBEDDINGS + ISOLATES;
    /** The implicit marks (LRM, RLM, ALM): they open nothing and stay allowed anywhere. */
    public static final String MARKS = "\u200E\u200F\u061C";

    private static final int MAX_DEPTH = 125;

    private BidiModel() {}

    private record Open(int at, boolean isolate) {}

    /** Whether {@code c} is one of the nine controls. */
    public static boolean isControl(char c) {
        return CONTROLS.indexOf(c) >= 0;
    }

    /** Whether {@code c} is a paragraph separator (bidi class B). */
    public static boolean isParagraphSeparator(char c) {
        return c == '\n' || c == '\r' || (c >= '\u001C' && c <= '\u001E') || c == '\u0085' || c == '\u2029';
    }

    /** The positions of the unmatched controls, in order. */
    public static List<Integer> unmatched(String s) {
        List<Integer> out = new ArrayList<>();
        Deque<Open> stack = new ArrayDeque<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isParagraphSeparator(c)) {
                stack.descendingIterator().forEachRemaining(o -> out.add(o.at()));
                stack.clear();
            } else if (c == '\u202C') { // PDF
                if (!stack.isEmpty() && !stack.peek().isolate()) {
                    stack.pop();
                } else {
                    out.add(i);
                }
            } else if (c == '\u2069') { // PDI
                if (stack.stream().anyMatch(Open::isolate)) {
                    while (!stack.pop().isolate()) {
                        // the embeddings opened inside the isolate end with it
                    }
                } else {
                    out.add(i);
                }
            } else if (isControl(c)) {
                if (stack.size() == MAX_DEPTH) {
                    out.add(i);
                } else {
                    stack.push(new Open(i, ISOLATES.indexOf(c) >= 0));
                }
            }
        }
        stack.descendingIterator().forEachRemaining(o -> out.add(o.at()));
        out.sort(null);
        return out;
    }

    /** Whether every control of {@code s} is matched. */
    public static boolean balanced(String s) {
        return unmatched(s).isEmpty();
    }

    /** {@code s} with each unmatched control replaced by U+FFFD. */
    public static String neutralised(String s) {
        char[] chars = s.toCharArray();
        unmatched(s).forEach(i -> chars[i] = '\uFFFD');
        return new String(chars);
    }

    /**
     * How many embeddings and isolates are open at each position (before the character there is read): the text at
     * a position of depth 0 is not reordered by any control before it.
     */
    public static int[] depths(String s) {
        int[] depth = new int[s.length()];
        Deque<Boolean> stack = new ArrayDeque<>();
        for (int i = 0; i < s.length(); i++) {
            depth[i] = stack.size();
            char c = s.charAt(i);
            if (isParagraphSeparator(c)) {
                stack.clear();
            } else if (c == '\u202C') {
                if (!stack.isEmpty() && !stack.peek()) {
                    stack.pop();
                }
            } else if (c == '\u2069') {
                if (stack.contains(true)) {
                    while (!stack.pop()) {
                        // embeddings inside the isolate end with it
                    }
                }
            } else if (isControl(c) && stack.size() < MAX_DEPTH) {
                stack.push(ISOLATES.indexOf(c) >= 0);
            }
        }
        return depth;
    }

    /**
     * Texts with bidi controls in any arrangement, about a quarter of them balanced: letters of Latin, Hebrew and
     * Arabic, digits, spaces, the implicit marks, properly nested pairs (some isolates left to close their embeddings),
     * then twice as often a control inserted, removed or swapped at random. With {@code lines}, line breaks too.
     *
     * @param lines whether line breaks may occur
     * @return the texts, each with at least one letter and at most a few hundred characters
     */
    public static Arbitrary<String> texts(boolean lines) {
        return texts(lines, false);
    }

    /**
     * Texts as {@link #texts(boolean)} draws them, but only balanced ones.
     *
     * @param lines whether line breaks may occur
     * @return the texts
     */
    public static Arbitrary<String> balancedTexts(boolean lines) {
        return texts(lines, true);
    }

    private static Arbitrary<String> texts(boolean lines, boolean onlyBalanced) {
        Arbitrary<String> plain = Arbitraries.strings()
                .withChars("ab xyz09\u05D0\u05D1\u0627\u0644" + MARKS + (lines ? "\n" : ""))
                .ofMaxLength(6);
        // no lazyOf: jqwik may share its generators between the one-line and the multi-line texts
        Arbitrary<String> nested = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain),
                net.jqwik.api.Tuple.of(1, Arbitraries.recursive(() -> plain, BidiModel::wrapped, 0, 4)));
        Arbitrary<String> balanced = nested.list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(parts -> "a" + String.join("", parts))
                .filter(BidiModel::balanced); // a line break inside a pair is not
        if (onlyBalanced) {
            return balanced;
        }
        Arbitrary<String> mutated = net.jqwik.api.Combinators.combine(
                        balanced,
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(CONTROLS.toCharArray()))
                .as(BidiModel::mutate);
        return Arbitraries.oneOf(balanced, mutated, mutated);
    }

    private static Arbitrary<String> wrapped(Arbitrary<String> inner) {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.of('\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068'),
                        inner,
                        inner,
                        Arbitraries.integers().between(0, 4))
                .as((open, a, b, unclosed) -> {
                    boolean isolate = ISOLATES.indexOf(open) >= 0;
                    // an isolate may end embeddings opened inside it: "RLI RLE x PDI" is balanced
                    String inside = isolate && unclosed == 0 ? a + "\u202B" + b : a + b;
                    return open + inside + (isolate ? '\u2069' : '\u202C');
                });
    }

    /** Inserts (0) a control, removes (1) or replaces (2) one at a position. */
    private static String mutate(String s, int how, int where, char control) {
        int at = where % (s.length() + 1);
        if (how == 0 || s.isEmpty()) {
            return s.substring(0, at) + control + s.substring(at);
        }
        List<Integer> controls = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                controls.add(i);
            }
        }
        if (controls.isEmpty()) {
            return s.substring(0, at) + control + s.substring(at);
        }
        int i = controls.get(where % controls.size());
        return s.substring(0, i) + (how == 1 ? "" : String.valueOf(control)) + s.substring(i + 1);
    }
}
