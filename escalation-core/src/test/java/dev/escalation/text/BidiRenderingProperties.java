package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.internal.validation.BidiModel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A value the engine puts into a rendered text — a name or title from a directory, a person's text, stored before the
 * rule or handed in by a host — cannot reorder the template's own text around it: whatever bidirectional controls a
 * value holds, no embedding, override or isolate is open at any character of the template (by the tests' model of
 * UAX #9's pairing, {@link BidiModel}). The value's unmatched controls become U+FFFD, as a directory's control
 * characters do; everything else, and every value without unmatched controls, is rendered byte for byte as before.
 */
class BidiRenderingProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Texts TEXTS = Texts.of(BERLIN, List.of());
    /** A character no template has: it marks where the values go. */
    private static final char SLOT = '\uE000';

    /** One rendering with two free values (a name or title, and a person's text): its texts, subject then body. */
    enum Scenario {
        MANAGER_APPOINTED,
        ESCALATION_RECEIVED,
        IMPROVEMENT_ACTION_DUE,
        PROGRESS_UPDATE,
        CRITICALITY_CHANGED,
        ENTRY_PARTICIPANT_ADDED,
        ENTRY_LEGACY;

        List<String> render(String name, String text, Locale l) {
            return switch (this) {
                case MANAGER_APPOINTED ->
                    message(NotificationKind.MANAGER_APPOINTED, text, l, "managerName", new EntryParam.Text(name));
                case ESCALATION_RECEIVED ->
                    message(
                            NotificationKind.ESCALATION_RECEIVED,
                            text,
                            l,
                            "customer",
                            new EntryParam.Ref("acme"),
                            "caseTitle",
                            new EntryParam.Text(name),
                            "cause",
                            new EntryParam.Code("SOFTWARE_ERROR"),
                            "criticality",
                            new EntryParam.Code("HIGH"));
                case IMPROVEMENT_ACTION_DUE ->
                    message(
                            NotificationKind.IMPROVEMENT_ACTION_DUE,
                            text,
                            l,
                            "action",
                            new EntryParam.Text(name),
                            "dueAt",
                            new EntryParam.At(Instant.parse("2027-01-18T09:00:00Z")));
                case PROGRESS_UPDATE ->
                    message(NotificationKind.PROGRESS_UPDATE, name, l, "entry", new EntryParam.Code("DECISION"));
                case CRITICALITY_CHANGED ->
                    message(
                            NotificationKind.CRITICALITY_CHANGED,
                            name,
                            l,
                            "from",
                            new EntryParam.Code("LOW"),
                            "to",
                            new EntryParam.Code("HIGH"));
                case ENTRY_PARTICIPANT_ADDED ->
                    List.of(TEXTS.entry(
                            ProgressKind.PARTICIPANT_ADDED,
                            Optional.of(text),
                            Map.of("participantName", new EntryParam.Text(name)),
                            l,
                            BERLIN));
                case ENTRY_LEGACY ->
                    List.of(TEXTS.entry(ProgressKind.LEGACY_TEXT, Optional.of(name + text), Map.of(), l, BERLIN));
            };
        }

        private static List<String> message(NotificationKind kind, String text, Locale l, Object... kv) {
            Map<String, EntryParam> p = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                p.put((String) kv[i], (EntryParam) kv[i + 1]);
            }
            Message m = TEXTS.notification(TextFixtures.request(kind, p, text), l, BERLIN);
            return List.of(m.subject(), m.body());
        }
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.ENGLISH, Locale.GERMAN);
    }

    @Provide
    Arbitrary<String> names() {
        return BidiModel.texts(false);
    }

    @Provide
    Arbitrary<String> texts() {
        return BidiModel.texts(true);
    }

    @Property(tries = 2000)
    void noValueReordersTheTemplate(
            @ForAll Scenario scenario,
            @ForAll("names") String name,
            @ForAll("texts") String text,
            @ForAll("locales") Locale locale) {
        List<String> hostile = scenario.render(name, text, locale);
        List<String> slots = scenario.render(
                String.valueOf(SLOT).repeat(name.length()), String.valueOf(SLOT).repeat(text.length()), locale);
        for (int k = 0; k < hostile.size(); k++) {
            String out = hostile.get(k);
            String template = slots.get(k);
            assertThat(out).as("%s: the values keep their length", scenario).hasSameSizeAs(template);
            assertThat(BidiModel.balanced(out))
                    .as("%s balanced: %s", scenario, escaped(out))
                    .isTrue();
            int[] depth = BidiModel.depths(out);
            for (int i = 0; i < out.length(); i++) {
                char t = template.charAt(i);
                if (t != SLOT) {
                    assertThat(out.charAt(i))
                            .as("%s template at %d: %s", scenario, i, escaped(out))
                            .isEqualTo(t);
                    assertThat(depth[i])
                            .as("%s: template text at %d inside a value's embedding: %s", scenario, i, escaped(out))
                            .isZero();
                }
            }
        }
    }

    /**
     * A value is rendered with only its unmatched controls replaced: one whose controls are all paired, as every value
     * without controls, exactly as it is.
     */
    @Property(tries = 1000)
    void onlyUnmatchedControlsAreReplaced(
            @ForAll("names") String name, @ForAll("texts") String text, @ForAll("locales") Locale locale) {
        List<String> m = Scenario.MANAGER_APPOINTED.render(name, text, locale);
        assertThat(m.get(0)).endsWith(": " + BidiModel.neutralised(name));
        assertThat(m.get(1)).endsWith("\n\n" + BidiModel.neutralised(text));
        if (BidiModel.balanced(name) && BidiModel.balanced(text)) {
            assertThat(m.get(0)).endsWith(": " + name);
            assertThat(m.get(1)).endsWith("\n\n" + text);
        }
    }

    @Example
    void anUnterminatedOverrideInADirectoryNameEndsWithTheName() {
        List<String> m = Scenario.MANAGER_APPOINTED.render("Eve \u202Eevil", "", Locale.ENGLISH);
        assertThat(m)
                .containsExactly(
                        "[Escalation E-1] case C-1: Escalation Manager appointed: Eve \uFFFDevil",
                        "Eve \uFFFDevil is your Escalation Manager.");
        List<String> r = Scenario.ESCALATION_RECEIVED.render("Invoice \u202Egnp.exe", "see \u2067it", Locale.ENGLISH);
        assertThat(r.get(1)).isEqualTo("Customer acme escalated case C-1 (Invoice \uFFFDgnp.exe).\n\nsee \uFFFDit");
    }

    @Example
    void balancedRightToLeftNamesAreKept() {
        String name = "\u2067\u05D0\u05D1\u2069 \u202Bx\u202C \u200F";
        List<String> m = Scenario.MANAGER_APPOINTED.render(name, "", Locale.GERMAN);
        assertThat(m.get(1)).isEqualTo(name + " ist Ihr Escalation Manager.");
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> {
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.append((char) c);
            }
        });
        return b.toString();
    }
}
