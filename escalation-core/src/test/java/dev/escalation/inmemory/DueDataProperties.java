package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DueData} keeps a due item's data exactly: {@code map(compact(d))} equals {@code d} in its iteration order,
 * whatever the map; {@code seconds} accepts exactly what {@link Instant#toString()} writes for a whole second from
 * 1970 to 9999.
 */
class DueDataProperties {

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(-100_000L, DueKeys.LAST_FOUR_DIGIT_YEAR + 100_000L)
                .flatMap(s -> Arbitraries.of(0, 0, 0, 1, 500_000_000).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                instants().map(Instant::toString),
                instants().map(Instant::toString).map(s -> s.replace('T', ' ')),
                instants().map(i -> i.toString().substring(1)),
                // one character of a written instant replaced: near misses of the format, at every position
                Arbitraries.longs()
                        .between(0, DueKeys.LAST_FOUR_DIGIT_YEAR)
                        .map(Instant::ofEpochSecond)
                        .map(Instant::toString)
                        .flatMap(t -> Arbitraries.integers()
                                .between(0, t.length() - 1)
                                .flatMap(p -> Arbitraries.of('0', '9', '-', ':', 'T', 'Z', '+', '.', ' ', 'a')
                                        .map(c -> t.substring(0, p) + c + t.substring(p + 1)))),
                Arbitraries.strings()
                        .withChars("0123456789-:TZ+.")
                        .ofMinLength(18)
                        .ofMaxLength(22));
    }

    @Property(tries = 2000)
    void secondsReadsExactlyTheWholeSecondsInstantToStringWrites(@ForAll("texts") String text) {
        long seconds = DueData.seconds(text);
        if (seconds == Long.MIN_VALUE) {
            assertThat(isWholeSecondsInstant(text)).as(text).isFalse();
        } else {
            assertThat(Instant.ofEpochSecond(seconds).toString()).isEqualTo(text);
        }
    }

    @Property(tries = 500)
    void everyWholeSecondFrom1970To9999IsRead(@ForAll("instants") Instant at) {
        boolean readable =
                at.getNano() == 0 && at.getEpochSecond() >= 0 && at.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR;
        assertThat(DueData.seconds(at.toString())).isEqualTo(readable ? at.getEpochSecond() : Long.MIN_VALUE);
    }

    @Property(tries = 1000)
    void compactDataReadsBackEqualInItsOrder(
            @ForAll("texts") String dueAt,
            @ForAll boolean dueAtFirst,
            @ForAll boolean extra,
            @ForAll("policies") String policy) {
        Map<String, String> data = new LinkedHashMap<>();
        if (dueAtFirst) {
            data.put("dueAt", dueAt);
            data.put("policy", policy);
        } else {
            data.put("policy", policy);
            data.put("dueAt", dueAt);
        }
        if (extra) {
            data.put("marker", "x");
        }
        Interner interner = new Interner();
        Object compact = DueData.compact(data, interner);
        Map<String, String> back = DueData.map(compact);

        assertThat(back).isEqualTo(data);
        assertThat(new ArrayList<>(back.keySet())).isEqualTo(new ArrayList<>(data.keySet()));
        assertThat(DueData.same(compact, DueData.compact(new LinkedHashMap<>(data), interner)))
                .isTrue();
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(data.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), data.get(keys.get(i)));
        }
        assertThat(DueData.same(compact, DueData.compact(reversed, interner))).isFalse();
    }

    @Provide
    Arbitrary<String> policies() {
        return Arbitraries.of("bench@1", "gold@12", "p");
    }

    private static boolean isWholeSecondsInstant(String text) {
        try {
            Instant at = Instant.parse(text);
            return at.getNano() == 0
                    && at.getEpochSecond() >= 0
                    && at.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR
                    && at.toString().equals(text);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
