package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The names, titles and e-mail addresses of the directory records are printable whatever a directory hands in: no
 * control character, no unpaired surrogate, no bidirectional embedding, override or isolate that is not closed (which
 * would reorder the text after the name wherever it is shown); every other character kept in place; a clean text kept
 * as the same instance.
 */
class DirectoryTextProperties {

    /** Any UTF-16 text, weighted towards the characters the rule is about. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> special = Arbitraries.of(
                '\u0000', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028',
                '\u2029', '\ud83d', '\ude00', '\ud800', '\udfff', '\u200d', '\u202e', '\ufffd', ' ', 'a', '\u00e9',
                '\u202a', '\u202b', '\u202c', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u2069',
                '\u200f', '\u061c');
        return Arbitraries.oneOf(special, Arbitraries.chars())
                .list()
                .ofMaxSize(40)
                .map(cs -> {
                    StringBuilder b = new StringBuilder();
                    cs.forEach(b::append);
                    return b.toString();
                });
    }

    /** LRE, RLE, LRO, RLO, LRI, RLI, FSI: the controls that open what a PDF or PDI closes. */
    private static final String OPENERS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068";

    /**
     * The positions of the bidi controls that UAX #9 does not pair (a paragraph is the whole text here: a directory
     * text's line breaks are spaces): a PDF closes the innermost open embedding or override unless an isolate was
     * opened after it, a PDI the innermost isolate and the embeddings inside it, and nothing nests deeper than 125.
     */
    static Set<Integer> unmatched(String s) {
        Set<Integer> out = new java.util.TreeSet<>();
        java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u202c') {
                if (!open.isEmpty() && s.charAt(open.peek()) < '\u2066') {
                    open.pop();
                } else {
                    out.add(i);
                }
            } else if (c == '\u2069') {
                if (open.stream().anyMatch(o -> s.charAt(o) >= '\u2066')) {
                    while (s.charAt(open.pop()) < '\u2066') {
                        // the embeddings inside the isolate end with it
                    }
                } else {
                    out.add(i);
                }
            } else if (OPENERS.indexOf(c) >= 0) {
                if (open.size() == 125) {
                    out.add(i);
                } else {
                    open.push(i);
                }
            }
        }
        out.addAll(open);
        return out;
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 2000)
    void everyRecordKeepsAPrintableTextThatDiffersOnlyWhereTheInputWasNot(@ForAll("hostile") String text) {
        String title = new SupportCase(CaseId.of("C-1"), CustomerId.of("acme"), text).title();
        assertThat(new CustomerAccount(CustomerId.of("acme"), text, Optional.empty()).name())
                .isEqualTo(title);
        assertThat(new Touchpoint(
                                ContactId.of("ina"),
                                CustomerId.of("acme"),
                                text,
                                "ina@acme.example",
                                Optional.empty(),
                                Set.of(CustomerRole.INCIDENT_MANAGER),
                                true)
                        .displayName())
                .isEqualTo(title);
        assertThat(new StaffMember(
                                StaffId.of("sam"),
                                text,
                                "sam@vendor.example",
                                Optional.empty(),
                                Set.of(StaffRole.SUPPORT_MANAGEMENT),
                                true)
                        .displayName())
                .isEqualTo(title);

        // an address goes into mail headers: a line break in it would add one (such as Bcc)
        assertThat(new Touchpoint(
                                ContactId.of("ina"),
                                CustomerId.of("acme"),
                                "Ina",
                                text,
                                Optional.empty(),
                                Set.of(CustomerRole.INCIDENT_MANAGER),
                                true)
                        .email())
                .isEqualTo(title);
        assertThat(new StaffMember(
                                StaffId.of("sam"),
                                "Sam",
                                text,
                                Optional.empty(),
                                Set.of(StaffRole.SUPPORT_MANAGEMENT),
                                true)
                        .email())
                .isEqualTo(title);

        assertThat(isPrintable(title)).as("printable: %s", title).isTrue();
        assertThat(unmatched(title)).as("bidi controls paired: %s", title).isEmpty();
        assertThat(title).hasSameSizeAs(text);
        if (isPrintable(text) && unmatched(text).isEmpty()) {
            assertThat(title).isSameAs(text);
        }
        Set<Integer> unmatched = unmatched(text); // line breaks are spaces in a directory text: one paragraph
        for (int i = 0; i < text.length(); i++) {
            char in = text.charAt(i);
            char out = title.charAt(i);
            boolean paired = Character.isHighSurrogate(in)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(in) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if ((in >= '\t' && in <= '\r') || in == '\u0085' || in == '\u2028' || in == '\u2029') {
                assertThat(out).as("line or space control at %d", i).isEqualTo(' ');
            } else if (isControl(in) || (Character.isSurrogate(in) && !paired)) {
                assertThat(out).as("replaced at %d", i).isEqualTo('\uFFFD');
            } else if (unmatched.contains(i)) {
                assertThat(out).as("unmatched bidi control at %d", i).isEqualTo('\uFFFD');
            } else {
                assertThat(out).as("kept at %d", i).isEqualTo(in);
            }
        }
    }

    @Example
    void anUnterminatedOverrideEndsAsTheTitleDoes() {
        assertThat(new SupportCase(CaseId.of("C-1"), CustomerId.of("acme"), "Invoice \u202egnp.exe").title())
                .isEqualTo("Invoice \ufffdgnp.exe");
        assertThat(new CustomerAccount(CustomerId.of("acme"), "\u2069ACME \u2067x\u202c", Optional.empty()).name())
                .isEqualTo("\ufffdACME \ufffdx\ufffd");
        String rtl = "\u2067\u05d0\u05d1\u2069 \u202bx\u202c \u200f\u061c \u2068a\u202eb\u2069";
        assertThat(new CustomerAccount(CustomerId.of("acme"), rtl, Optional.empty()).name())
                .isSameAs(rtl);
    }

    @Example
    void aTitleWithALineBreakAndANulReadsOnOneLine() {
        assertThat(new SupportCase(CaseId.of("C-1"), CustomerId.of("acme"), "Nightly\r\nload\u0000fails").title())
                .isEqualTo("Nightly  load\uFFFDfails");
    }
}
