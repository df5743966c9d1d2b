package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.SideEffect;
import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The storage formats without a database: instants as NUMERIC(30,9), documents as versioned JSON. */
class StorageFormatPropertyTest {
    private final Json json = new Json();

    @Provide
    Arbitrary<Instant> anyInstant() {
        return Arbitraries.longs()
                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)))
                .edgeCases(c -> c.add(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1)));
    }

    @Property(tries = 1000)
    void everyInstantSurvivesTheNumericColumnExactly(@ForAll("anyInstant") Instant instant) {
        BigDecimal stored = Db.toDecimal(instant);
        assertThat(stored.precision() - stored.scale()).isLessThanOrEqualTo(21); // fits NUMERIC(30,9)
        assertThat(stored.scale()).isLessThanOrEqualTo(9);
        assertThat(Db.toInstant(stored)).isEqualTo(instant);
    }

    @Property(tries = 1000)
    void theNumericColumnSortsLikeInstants(@ForAll("anyInstant") Instant a, @ForAll("anyInstant") Instant b) {
        assertThat(Integer.signum(Db.toDecimal(a).compareTo(Db.toDecimal(b))))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Provide
    Arbitrary<SideEffect> anyEffect() {
        return Fixtures.idText()
                .flatMap(prefix -> Arbitraries.of(Fixtures.everyEffect(EscalationId.of("E-" + prefix), prefix)));
    }

    @Property(tries = 100)
    void everySideEffectSurvivesItsJsonDocumentUnderItsOwnTypeName(@ForAll("anyEffect") SideEffect effect) {
        String type = Json.typeOf(effect);
        String document = json.writeEffect(effect);
        assertThat(type).doesNotContain("dev.escalation");
        assertThat(document).doesNotContain("dev.escalation");
        assertThat(json.readEffect(type, document, Json.FORMAT)).isEqualTo(effect);
    }

    @Provide
    Arbitrary<EscalationRecord> anyRecord() {
        return Fixtures.records("c", "E-1", "C-1");
    }

    @Property(tries = 100)
    void everyEscalationBodyAndProgressEntrySurvivesItsJsonDocument(@ForAll("anyRecord") EscalationRecord r) {
        Json.EscalationBody body = new Json.EscalationBody(
                r.message(), r.plan(), r.participants(), r.resolution(), r.lessonsLearned(), r.policy());
        assertThat(json.readBody(json.writeBody(body), Json.FORMAT)).isEqualTo(body);
        r.progress()
                .forEach(e -> assertThat(json.readEntry(json.writeEntry(e), Json.FORMAT))
                        .isEqualTo(e));
    }

    @Property(tries = 20)
    void aDocumentOfAnUnknownFormatIsRefusedWithAClearMessage(@ForAll("anyEffect") SideEffect effect) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> json.readEffect(Json.typeOf(effect), json.writeEffect(effect), Json.FORMAT + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 2");
    }
}
