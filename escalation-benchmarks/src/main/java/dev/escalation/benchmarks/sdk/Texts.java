package dev.escalation.benchmarks.sdk;

/** Fixed texts of realistic length. */
public final class Texts {
    /** The customer's escalation message: 200 characters. */
    public static final String MESSAGE = fit(
            "Our nightly load has failed three nights in a row with an out-of-memory "
                    + "error; month-end reporting for 40 subsidiaries is blocked and the auditors arrive on Monday morning. "
                    + "Please help now.",
            200);
    /** A progress entry: 100 characters. */
    public static final String PROGRESS = fit(
            "Heap dump analysed: the loader keeps every row in memory; a streaming " + "patch is being tested now.",
            100);

    private Texts() {}

    /**
     * A distinct copy of {@code text} of the same length, numbered: what a host holds when every escalation brings its
     * own text (a shared constant would not count towards the heap of each escalation).
     *
     * @param text the template
     * @param n    the number to put in front
     * @return a new string of the same length
     */
    public static String fresh(String text, long n) {
        String prefix = "#" + n + " ";
        return prefix + text.substring(0, text.length() - prefix.length());
    }

    static String fit(String s, int length) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < length) {
            b.append('.');
        }
        return b.substring(0, length);
    }
}
