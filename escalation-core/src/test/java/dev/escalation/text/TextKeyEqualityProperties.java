package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.RecordEquality;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The hand-written {@code equals} and {@code hashCode} of the text caches' keys ({@link Dates.Key},
 * {@link Lookup}) are the records' generated ones. Keys from small pools of fresh strings and locales (equal
 * and unequal pairs both frequent).
 */
class TextKeyEqualityProperties {
    private static final List<String> TEXTS = List.of("d MMM yyyy", "d MMM yyyy HH:mm", "entry.plan", "");
    private static final List<Locale> LOCALES =
            List.of(Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("de-CH"), Locale.ROOT);

    @Provide
    Arbitrary<int[]> choices() {
        return Arbitraries.integers().between(0, 3).array(int[].class).ofSize(4);
    }

    @Property(tries = 1000)
    void datesKeyEqualityIsComponentWise(@ForAll("choices") int[] c) {
        Dates.Key a = new Dates.Key(text(c[0]), locale(c[1]));
        Dates.Key b = new Dates.Key(text(c[2]), locale(c[3]));
        assertThat(RecordEquality.check(a, b)).isEqualTo(c[0] == c[2] && c[1] == c[3]);
        Statistics.collect(c[0] == c[2] && c[1] == c[3]);
    }

    @Property(tries = 1000)
    void catalogLookupEqualityIsComponentWise(@ForAll("choices") int[] c) {
        Lookup a = new Lookup(text(c[0]), locale(c[1]));
        Lookup b = new Lookup(text(c[2]), locale(c[3]));
        assertThat(RecordEquality.check(a, b)).isEqualTo(c[0] == c[2] && c[1] == c[3]);
        Statistics.collect(c[0] == c[2] && c[1] == c[3]);
    }

    private static String text(int n) {
        return new String(TEXTS.get(n)); // fresh: equality is never identity
    }

    private static Locale locale(int n) {
        return Locale.forLanguageTag(LOCALES.get(n).toLanguageTag());
    }
}
