package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A reader's locale may carry Unicode extensions ({@code de-DE-u-nu-arab}, {@code en-u-ca-japanese}, {@code
 * de-u-rg-chzzzz}): a browser or a directory sends them. The text is the same as for the locale without them, with
 * ASCII digits, whatever the JVM's default locale: dates never took the numbering system from the locale, so before,
 * a German reader with {@code nu-arab} read "Intervall ١٢ Tage, erste am Di., 12. Jan. 2027", two kinds of digits in
 * one sentence (and the durations and counts of mails that the SMTP example renders itself in ASCII).
 */
class ReaderExtensionProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant AT = Instant.parse("2027-01-12T12:00:00Z");

    @Provide
    Arbitrary<Locale> readers() {
        return Arbitraries.of("de", "de-DE", "de-AT", "de-CH", "de-Latn-DE", "en", "en-US", "en-GB", "fr-FR", "ar-SA")
                .map(Locale::forLanguageTag);
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of(
                        "nu-arab",
                        "nu-arabext",
                        "nu-deva",
                        "nu-thai",
                        "nu-hanidec",
                        "nu-fullwide",
                        "ca-japanese",
                        "ca-buddhist",
                        "ca-islamic",
                        "rg-chzzzz",
                        "rg-atzzzz",
                        "fw-sun",
                        "hc-h12",
                        "cu-usd")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements(e -> e.substring(0, 2))
                .map(l -> String.join("-", l));
    }

    @Provide
    Arbitrary<Locale> jvmDefaults() {
        return Arbitraries.of(
                        "ar-SA", "hi-IN-u-nu-deva", "th-TH-u-nu-thai", "ja-JP-u-ca-japanese", "th-TH", "de-CH", "en-US")
                .map(Locale::forLanguageTag);
    }

    /** Entries, durations, instants and a notification with numbers, dates and plurals. */
    private static List<String> rendered(Texts texts, Locale reader) {
        Map<String, EntryParam> plan = new LinkedHashMap<>();
        plan.put("frequency", new EntryParam.Span(Duration.ofDays(12)));
        plan.put("channel", new EntryParam.Code("VIDEO_CALL"));
        plan.put("firstMeetingAt", new EntryParam.At(AT));
        Map<String, EntryParam> improvement = new LinkedHashMap<>();
        improvement.put("index", new EntryParam.Count(1234));
        improvement.put("status", new EntryParam.Code("DONE"));
        improvement.put("open", new EntryParam.Count(0));
        Map<String, EntryParam> invitation = new LinkedHashMap<>();
        invitation.put("at", new EntryParam.At(AT));
        invitation.put("duration", new EntryParam.Span(Duration.ofMinutes(1500)));
        List<String> out = new ArrayList<>();
        out.add(texts.entry(ProgressKind.PLAN_AGREED, Optional.of("x"), plan, reader, BERLIN));
        out.add(texts.entry(
                ProgressKind.LESSONS_LEARNED_HELD,
                Optional.empty(),
                Map.of("actions", new EntryParam.Count(1500)),
                reader,
                BERLIN));
        out.add(texts.entry(ProgressKind.IMPROVEMENT_ACTION_UPDATED, Optional.empty(), improvement, reader, BERLIN));
        out.add(texts.duration(Duration.ofHours(1234), reader));
        out.add(texts.at(AT, reader, BERLIN));
        Message m = texts.notification(
                TextFixtures.request(NotificationKind.LESSONS_LEARNED_INVITATION, invitation, null), reader, BERLIN);
        out.add(m.subject());
        out.add(m.body());
        return out;
    }

    private static Locale with(Locale reader, String extensions) {
        return Locale.forLanguageTag(reader.toLanguageTag() + "-u-" + extensions);
    }

    @Property(tries = 300)
    void extensionsChangeNothingInTheText(
            @ForAll("readers") Locale reader,
            @ForAll("extensions") String extensions,
            @ForAll boolean frenchHost,
            @ForAll("jvmDefaults") Locale jvmDefault) {
        Texts texts = frenchHost
                ? Texts.of(BERLIN, List.of(TextSource.of(Locale.FRENCH, TextFixtures.FRENCH)))
                : Texts.shipped();
        List<String> plain = rendered(texts, reader);
        Locale before = Locale.getDefault();
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        List<String> extended;
        try {
            Locale.setDefault(jvmDefault);
            extended = rendered(texts, with(reader, extensions));
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
        assertThat(extended)
                .as("%s with -u-%s", reader.toLanguageTag(), extensions)
                .isEqualTo(plain);
        for (String text : plain) {
            assertThat(text.codePoints().filter(c -> Character.isDigit(c) && c > '9'))
                    .as("non-ASCII digits in %s", text)
                    .isEmpty();
        }
    }
}
