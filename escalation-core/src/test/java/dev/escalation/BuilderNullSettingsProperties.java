package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ProgressKind;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.text.TextSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The builders' settings that take several values ({@code hotline}, {@code texts}, {@code slaPolicies}, and the SLA
 * policy builder's {@code customerVisible} and {@code contactEvery}) given a {@code null} array or a {@code null}
 * among the values: a {@link NullPointerException} naming the setting (and the position), as the README's error
 * contract says of a builder given wrong settings, and the engine builder keeps what it had. Before, a {@code null}
 * value was an NPE without a message, from {@code List.copyOf} or {@code List.of}, and {@code slaPolicies} had
 * registered the policies before the {@code null} one.
 */
class BuilderNullSettingsProperties {
    private static final HotlineNumber NUMBER = new HotlineNumber("Germany", "+49 911 2399 110");
    private static final TextSource TEXTS = TextSource.of(Locale.ENGLISH, Map.of());

    @Property(tries = 50)
    void aNullHotlineNumberIsNamedAndTheBuilderKeepsItsNumbers(
            @ForAll @IntRange(min = -1, max = 4) int nullAt, @ForAll @IntRange(min = 1, max = 5) int size) {
        EscalationEngineBuilder b = EscalationEngine.builder().hotline(NUMBER);
        HotlineNumber[] numbers = withNull(new HotlineNumber[size], NUMBER, nullAt);

        assertThatThrownBy(() -> b.hotline(numbers))
                .isInstanceOf(NullPointerException.class)
                .hasMessage(named("hotline", numbers, nullAt));
        assertThat(b.hotline).containsExactly(NUMBER);
    }

    @Property(tries = 50)
    void aNullTextSourceIsNamedAndTheBuilderKeepsItsSources(
            @ForAll @IntRange(min = -1, max = 4) int nullAt, @ForAll @IntRange(min = 1, max = 5) int size) {
        EscalationEngineBuilder b = EscalationEngine.builder().texts(TEXTS);
        TextSource[] sources = withNull(new TextSource[size], TEXTS, nullAt);

        assertThatThrownBy(() -> b.texts(sources))
                .isInstanceOf(NullPointerException.class)
                .hasMessage(named("texts", sources, nullAt));
        assertThat(b.texts).containsExactly(TEXTS);
    }

    @Property(tries = 50)
    void aNullSlaPolicyIsNamedAndNoneOfTheOthersIsRegistered(
            @ForAll @IntRange(min = -1, max = 4) int nullAt, @ForAll("policies") List<SlaPolicy> policies) {
        EscalationEngineBuilder b = EscalationEngine.builder();
        SlaPolicy[] given = null;
        if (nullAt >= 0) {
            List<SlaPolicy> withNull = new ArrayList<>(policies);
            withNull.add(Math.min(nullAt, withNull.size()), null);
            given = withNull.toArray(new SlaPolicy[0]);
        }
        SlaPolicy[] finalGiven = given;

        assertThatThrownBy(() -> b.slaPolicies(finalGiven))
                .isInstanceOf(NullPointerException.class)
                .hasMessage(named("slaPolicies", finalGiven, nullAt));
        assertThat(b.slaPolicies.resolve(Optional.empty())).isEmpty();
    }

    @Property(tries = 30)
    void theSlaPolicyBuildersKindsAreNamed(
            @ForAll @IntRange(min = -1, max = 3) int nullAt, @ForAll @IntRange(min = 1, max = 4) int size) {
        SlaPolicy.Builder b = SlaPolicy.builder("p", 1);
        DueKind[] kinds = withNull(new DueKind[size], DueKind.values()[0], nullAt);
        ProgressKind[] counts = withNull(new ProgressKind[size], ProgressKind.values()[0], nullAt);

        assertThatThrownBy(() -> b.customerVisible(kinds))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith(kinds == null ? "kinds" : "kind");
        assertThatThrownBy(() -> b.contactEvery(Duration.ofHours(1), counts))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("counts");
        assertThat(b.build().target(DueKind.CUSTOMER_CONTACT, Criticality.HIGH))
                .as("a refused contactEvery sets no target")
                .isEmpty();
    }

    /** The values all {@code value}, with a null at {@code nullAt} (within the array); no array for -1. */
    private static <T> T[] withNull(T[] values, T value, int nullAt) {
        if (nullAt < 0) {
            return null;
        }
        Arrays.fill(values, value);
        values[Math.min(nullAt, values.length - 1)] = null;
        return values;
    }

    /** The setting, with the position of the first null value if there is an array. */
    private static String named(String setting, Object[] values, int nullAt) {
        return values == null ? setting : setting + "[" + Arrays.asList(values).indexOf(null) + "]";
    }

    @Provide
    Arbitrary<List<SlaPolicy>> policies() {
        return Arbitraries.of(SlaFixtures.V1, SlaFixtures.V2)
                .list()
                .ofMinSize(0)
                .ofMaxSize(2)
                .uniqueElements();
    }
}
