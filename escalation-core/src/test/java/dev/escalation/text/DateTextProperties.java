package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The compiled date pattern ({@link DateText}, the fast path) prints exactly what {@link DateTimeFormatter} prints
 * (the slow path) for every shipped pattern, in many locales and zones (daylight saving both ways, half-hour and
 * odd offsets, a skipped day, fixed offsets), at instants around the zone's transitions, around year ends and
 * anywhere in years 1–9999; outside those years it declines (null) and the formatter is used.
 */
class DateTextProperties {
    /** Every {@code format.*} pattern of the shipped bundles, and the code's fallbacks. */
    static final List<String> SHIPPED = shippedPatterns();

    private static final List<Locale> LOCALES = List.of(
            Locale.ENGLISH,
            Locale.GERMAN,
            Locale.US,
            Locale.UK,
            Locale.GERMANY,
            new Locale("de", "CH"),
            new Locale("de", "AT"),
            Locale.FRENCH,
            Locale.JAPANESE,
            new Locale("ar"),
            new Locale("hi", "IN"),
            Locale.ROOT);

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("Europe/London"),
            ZoneId.of("Europe/Dublin"), // negative daylight saving in the rules
            ZoneId.of("America/New_York"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("America/Sao_Paulo"),
            ZoneId.of("Australia/Lord_Howe"), // half-hour daylight saving
            ZoneId.of("Australia/Sydney"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Pacific/Apia"), // skipped 30 December 2011
            ZoneId.of("Africa/Casablanca"),
            ZoneId.of("Europe/Moscow"),
            ZoneId.of("UTC"),
            ZoneId.of("GMT"),
            ZoneOffset.UTC,
            ZoneOffset.ofHoursMinutes(5, 45),
            ZoneOffset.ofHoursMinutes(-9, -30),
            ZoneOffset.ofHours(18),
            ZoneOffset.ofHours(-18));

    private static List<String> shippedPatterns() {
        TreeSet<String> patterns = new TreeSet<>(List.of(
                "EEE d MMM yyyy HH:mm z", "EEE d MMM yyyy HH:mm", "EEE HH:mm", "HH:mm", "d MMM yyyy", "HH:mm z"));
        for (String suffix : List.of("", "de")) {
            ResourceBundle b = ShippedBundles.of(suffix).orElseThrow();
            for (String key : b.keySet()) {
                if (key.startsWith("format.")) {
                    patterns.add(b.getString(key));
                }
            }
        }
        return List.copyOf(patterns);
    }

    @Test
    void every_shipped_pattern_compiles() {
        assertThat(SHIPPED).hasSizeGreaterThanOrEqualTo(7);
        for (String pattern : SHIPPED) {
            for (Locale l : LOCALES) {
                assertThat(DateText.compile(pattern, l))
                        .as("%s in %s", pattern, l)
                        .isNotNull();
            }
        }
        assertThat(DateText.compile("EEE d MMM yyyy 'um' HH:mm", Locale.GERMAN)).isNull(); // quotes: the formatter
        assertThat(DateText.compile("EEEE d MMMM uuuu", Locale.GERMAN)).isNull(); // other letters: the formatter
    }

    @Property(tries = 4000)
    void compiled_prints_what_the_formatter_prints(
            @ForAll("patterns") String pattern,
            @ForAll("locales") Locale locale,
            @ForAll("zonedInstants") Tuple.Tuple2<ZoneId, Instant> zoned) {
        ZoneId zone = zoned.get1();
        Instant at = zoned.get2();
        DateText compiled = DateText.compile(pattern, locale);
        assertThat(compiled).isNotNull();
        String expected = DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone));
        String fast = compiled.format(at, zone);
        int year = at.atZone(zone).getYear();
        if (year >= 2 && year <= 9998) {
            assertThat(fast).as("%s %s %s %s", pattern, locale, zone, at).isEqualTo(expected);
        } else if (fast != null) {
            assertThat(fast).as("%s %s %s %s", pattern, locale, zone, at).isEqualTo(expected);
        }
        assertThat(Dates.of(pattern, locale).format(at, zone)).isEqualTo(expected);
        // asked again (the zone's name is kept now): the same text
        assertThat(compiled.format(at, zone)).isEqualTo(fast);
    }

    /** One compiled pattern shared by a run of instants in alternating zones gives each its own zone name. */
    @Property(tries = 1000)
    void a_shared_compiled_pattern_keeps_zone_names_apart(
            @ForAll("patterns") String pattern,
            @ForAll("locales") Locale locale,
            @ForAll("runs") List<Tuple.Tuple2<ZoneId, Instant>> run) {
        DateText compiled = DateText.compile(pattern, locale);
        DateTimeFormatter slow = DateTimeFormatter.ofPattern(pattern, locale);
        for (Tuple.Tuple2<ZoneId, Instant> z : run) {
            String fast = compiled.format(z.get2(), z.get1());
            if (fast != null) {
                assertThat(fast).isEqualTo(slow.format(z.get2().atZone(z.get1())));
            }
        }
    }

    /**
     * One compiled pattern walked across a zone's transitions in small steps, forwards and back (its offset runs and
     * zone names are reused, and must end where the transition is).
     */
    @Property(tries = 1000)
    void a_walk_across_transitions_prints_what_the_formatter_prints(
            @ForAll("patterns") String pattern,
            @ForAll("locales") Locale locale,
            @ForAll("zonedInstants") Tuple.Tuple2<ZoneId, Instant> start,
            @ForAll("steps") List<Long> steps) {
        DateText compiled = DateText.compile(pattern, locale);
        DateTimeFormatter slow = DateTimeFormatter.ofPattern(pattern, locale);
        ZoneId zone = start.get1();
        Instant at = start.get2();
        for (long step : steps) {
            at = at.plusSeconds(step);
            String fast = compiled.format(at, zone);
            if (fast != null) {
                assertThat(fast).as("%s %s %s", zone, at, pattern).isEqualTo(slow.format(at.atZone(zone)));
            }
        }
    }

    @Provide
    Arbitrary<List<Long>> steps() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.longs().between(-1, 1)),
                        Tuple.of(4, Arbitraries.longs().between(-900, 900)),
                        Tuple.of(2, Arbitraries.longs().between(-4 * 3600, 4 * 3600)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(SHIPPED);
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(LOCALES);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<ZoneId, Instant>>> runs() {
        return zonedInstants().list().ofMinSize(2).ofMaxSize(30);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<ZoneId, Instant>> zonedInstants() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES);
        long min = LocalDate.of(1, 1, 1).toEpochDay() * 86_400 - 3 * 86_400;
        long max = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 3 * 86_400;
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(min, max).map(Instant::ofEpochSecond);
        Arbitrary<Instant> recent = Arbitraries.longs()
                .between(
                        Instant.parse("1960-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2100-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Instant> yearEnds = Combinators.combine(
                        Arbitraries.integers().between(1, 9999),
                        Arbitraries.longs().between(-40 * 3600, 40 * 3600))
                .as((y, s) -> Instant.ofEpochSecond(LocalDate.of(y, 1, 1).toEpochDay() * 86_400 + s));
        Arbitrary<Instant> nanos = recent.flatMap(
                i -> Arbitraries.integers().between(0, 999_999_999).map(n -> i.plusNanos(n)));
        Arbitrary<Tuple.Tuple2<ZoneId, Instant>> plain = Combinators.combine(
                        zones,
                        Arbitraries.frequencyOf(
                                Tuple.of(2, anywhere), Tuple.of(3, recent), Tuple.of(2, yearEnds), Tuple.of(1, nanos)))
                .as(Tuple::of);
        Arbitrary<Tuple.Tuple2<ZoneId, Instant>> transitions = Combinators.combine(
                        zones,
                        Arbitraries.integers().between(1900, 2100),
                        Arbitraries.longs().between(-3 * 3600, 3 * 3600))
                .as((zone, year, delta) -> {
                    Instant start =
                            Instant.ofEpochSecond(LocalDate.of(year, 1, 1).toEpochDay() * 86_400);
                    List<Instant> in = new ArrayList<>();
                    ZoneOffsetTransition t = zone.getRules().nextTransition(start);
                    while (t != null && t.getInstant().isBefore(start.plusSeconds(366L * 86_400))) {
                        in.add(t.getInstant());
                        t = zone.getRules().nextTransition(t.getInstant());
                    }
                    Instant base = in.isEmpty() ? start : in.get(Math.floorMod(delta, in.size()));
                    return Tuple.of(zone, base.plusSeconds(delta));
                });
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(2, transitions));
    }
}
