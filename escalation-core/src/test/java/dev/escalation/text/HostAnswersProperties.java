package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A host's text sources are asked at most once per key and reader within one rendering ({@link HostAnswers}), and
 * again at the next rendering: a source may be slow (a database, a remote service) and may change its answers, and one
 * message must not disagree with itself about its language.
 */
class HostAnswersProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant AT = Instant.parse("2027-01-18T09:00:00Z");

    /** A source that counts how often each key is asked, answering from {@code texts} (keys with a given hash only). */
    private static final class Counting implements TextSource {
        final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        final Map<String, String> texts;
        final int answerEvery;

        Counting(Map<String, String> texts, int answerEvery) {
            this.texts = texts;
            this.answerEvery = answerEvery;
        }

        @Override
        public Optional<String> text(String key, Locale locale) {
            asked.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return Math.floorMod(key.hashCode(), answerEvery) == 0
                    ? Optional.ofNullable(texts.get(key))
                    : Optional.empty();
        }

        int most() {
            return asked.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }
    }

    /** A request of the kind with the parameters its texts read (unknown ones are ignored). */
    private static NotificationRequest request(NotificationKind kind, String step) {
        Map<String, EntryParam> p = Map.ofEntries(
                Map.entry("criticality", new EntryParam.Code("CRITICAL")),
                Map.entry("cause", new EntryParam.Code("OUTAGE")),
                Map.entry("customer", new EntryParam.Text("ACME")),
                Map.entry("caseTitle", new EntryParam.Text("Checkout down")),
                Map.entry("at", new EntryParam.At(AT)),
                Map.entry("dueAt", new EntryParam.At(AT)),
                Map.entry("firstMeetingAt", new EntryParam.At(AT)),
                Map.entry("frequency", new EntryParam.Span(Duration.ofDays(1))),
                Map.entry("channel", new EntryParam.Code("PHONE")),
                Map.entry("action", new EntryParam.Text("Add monitoring")),
                Map.entry(
                        "deadline", new EntryParam.Code(step.startsWith("missed") ? "NEXT_MEETING" : "FIRST_RESPONSE")),
                Map.entry("step", new EntryParam.Code(step)));
        return TextFixtures.request(kind, p, "what a person wrote");
    }

    @Property(tries = 400)
    void aRenderingAsksEachKeyAtMostOnceAndTheNextRenderingAsksAgain(
            @ForAll NotificationKind kind,
            @ForAll ProgressKind entry,
            @ForAll @IntRange(min = 1, max = 3) int answerEvery,
            @ForAll boolean french,
            @ForAll("steps") String step) {
        Counting source = new Counting(TextFixtures.FRENCH, answerEvery);
        Texts texts = Texts.of(BERLIN, List.of(source));
        Locale reader = french ? Locale.FRENCH : Locale.GERMAN;

        texts.notification(request(kind, step), reader, BERLIN);
        assertOncePerRenderingAndAgainAtTheNext(source, () -> texts.notification(request(kind, step), reader, BERLIN));

        source.asked.clear();
        texts.entry(entry, Optional.of("text"), request(kind, step).params(), reader, BERLIN);
        if (entry != ProgressKind.LEGACY_TEXT) { // a 0.1.0 entry is its stored text: no key to ask
            assertThat(source.asked).as("the source was asked for the entry").isNotEmpty();
        }
        assertThat(source.most())
                .as("asked per key in one entry: %s", source.asked)
                .isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void hotlineAdviceAsksEachKeyOncePerRendering(
            @ForAll HotlineAdvice.Reason reason,
            @ForAll @IntRange(min = 1, max = 3) int answerEvery,
            @ForAll boolean french,
            @ForAll boolean readerInNewYork) {
        Counting source = new Counting(TextFixtures.FRENCH, answerEvery);
        Texts texts = Texts.of(BERLIN, List.of(source));
        Map<String, EntryParam> params = reason == HotlineAdvice.Reason.PUBLIC_HOLIDAY
                ? Map.of(
                        "holiday", new EntryParam.Code("EASTER_MONDAY"),
                        "holidayName", new EntryParam.Text("Easter Monday"),
                        "raisedAt", new EntryParam.At(AT))
                : Map.of("raisedAt", new EntryParam.At(AT));
        HotlineAdvice advice = new HotlineAdvice(
                reason,
                params,
                AT.plus(Duration.ofHours(20)),
                List.of(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510")));
        Locale reader = french ? Locale.FRENCH : Locale.GERMAN;
        ZoneId zone = readerInNewYork ? NEW_YORK : BERLIN; // New York: both zones' times, format.at twice or more

        texts.hotline(advice, reader, zone);
        assertOncePerRenderingAndAgainAtTheNext(source, () -> texts.hotline(advice, reader, zone));
    }

    @Property(tries = 300)
    void anExplanationAsksEachKeyOncePerRendering(
            @ForAll @IntRange(min = 0, max = 14 * 24) int hoursAfterMonday,
            @ForAll @IntRange(min = 1, max = 60) int hours,
            @ForAll boolean paused,
            @ForAll @IntRange(min = 1, max = 3) int answerEvery,
            @ForAll boolean french,
            @ForAll boolean readerInNewYork) {
        Counting source = new Counting(TextFixtures.FRENCH, answerEvery);
        Texts texts = Texts.of(BERLIN, List.of(source));
        BusinessCalendar calendar = BusinessCalendar.builder(BERLIN)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2027, 3, 29), "Easter Monday"))))
                .build();
        Instant start = Instant.parse("2027-03-22T06:00:00Z").plus(Duration.ofHours(hoursAfterMonday));
        List<Interval> pauses = paused
                ? List.of(Interval.of(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(3)), "wait"))
                : List.of();
        Explanation explanation = calendar.explainPlus(start, Duration.ofHours(hours), pauses);
        Locale reader = french ? Locale.FRENCH : Locale.GERMAN;
        ZoneId zone = readerInNewYork ? NEW_YORK : BERLIN;

        texts.explanation(explanation, "escalated", reader, zone);
        assertOncePerRenderingAndAgainAtTheNext(
                source, () -> texts.explanation(explanation, "escalated", reader, zone));
    }

    /** After one rendering: each key asked once; after {@code again}, each exactly twice. */
    private static void assertOncePerRenderingAndAgainAtTheNext(Counting source, Runnable again) {
        assertThat(source.asked).as("the source was asked").isNotEmpty();
        assertThat(source.most())
                .as("asked per key in one rendering: %s", source.asked)
                .isEqualTo(1);
        again.run();
        assertThat(source.asked.values())
                .as("every key asked again by the next rendering: %s", source.asked)
                .allSatisfy(n -> assertThat(n.get()).isEqualTo(2));
    }

    @Provide
    Arbitrary<String> steps() {
        return Arbitraries.of("first", "breach-repeat-2", "missed-repeat-3", "missed");
    }

    @Example
    void theLanguageIsTheOneOfThePatternTheBodyWasMadeFrom() {
        AtomicInteger asked = new AtomicInteger();
        // answers the body's pattern in French once, then has nothing for it (its answers changed meanwhile)
        TextSource changing = (key, locale) -> key.equals("notification.CLOSED.body") && asked.getAndIncrement() == 0
                ? Optional.of("[fr] L''escalade du cas {0} est close.")
                : Optional.empty();
        Texts texts = Texts.of(BERLIN, List.of(changing));
        Message m = texts.notification(request(NotificationKind.CLOSED, "first"), Locale.FRENCH, BERLIN);
        assertThat(m.body()).startsWith("[fr] ");
        assertThat(m.language()).isEqualTo(Locale.FRENCH);
        assertThat(asked).hasValue(1);
    }
}
