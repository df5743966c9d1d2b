package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The storage formats without a database: instants as NUMERIC(30,9), documents as versioned JSON (format 2). */
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

    @Property(tries = 300)
    void everyEntryParameterSurvivesItsJsonWithItsVariantAndOrder(
            @ForAll("anyInstant") Instant at, @ForAll("anyParams") Map<String, EntryParam> params) {
        Map<String, EntryParam> all = new LinkedHashMap<>(params);
        all.put("extreme", new EntryParam.At(at));
        all.put("long-span", new EntryParam.Span(Duration.ofSeconds(Long.MIN_VALUE)));
        Map<String, EntryParam> back = json.readParams(json.writeParams(all));
        assertThat(back).containsExactlyEntriesOf(all);
    }

    @Provide
    Arbitrary<Map<String, EntryParam>> anyParams() {
        return Fixtures.paramMaps();
    }

    /**
     * The plan's zone is a field of the escalation body's plan document: written when present ({@code "zone":
     * "America/New_York"}, a fixed offset as {@code "+05:30"}), and a body written before plans recorded one (no
     * {@code zone} field, or {@code null}) reads as a plan without a zone, whose series repeats in the vendor's zone.
     */
    @Property(tries = 50)
    void thePlansZoneRoundTripsAndABodyWithoutItReadsWithoutAZone(
            @ForAll("planZones") java.util.Optional<java.time.ZoneId> zone) throws Exception {
        CommunicationPlan plan = new CommunicationPlan(
                Duration.ofDays(1),
                Channel.VIDEO_CALL,
                Instant.parse("2026-03-06T15:00:00Z"),
                Instant.parse("2026-03-05T14:00:00Z"),
                java.util.Optional.of(ContactId.of("ina")),
                java.util.Optional.of(StaffId.of("eve")),
                CommunicationPlan.Agreement.CONFIRMED,
                zone);
        Json.EscalationBody body = new Json.EscalationBody(
                "msg",
                java.util.Optional.of(plan),
                List.of(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty());
        String written = json.writeBody(body);
        assertThat(json.readBody(written, Json.FORMAT)).isEqualTo(body);
        zone.ifPresent(z -> assertThat(written).contains("\"zone\":\"" + z.getId() + "\""));

        ObjectNode old = (ObjectNode) json.mapper().readTree(written);
        ((ObjectNode) old.get("plan")).remove("zone");
        Json.EscalationBody before = json.readBody(json.mapper().writeValueAsString(old), Json.FORMAT);
        assertThat(before.plan().orElseThrow().zone()).isEmpty();
        assertThat(before.plan().orElseThrow().seriesZone(ZoneId.of("Europe/Berlin")))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        ((ObjectNode) old.get("plan")).putNull("zone");
        assertThat(json.readBody(json.mapper().writeValueAsString(old), Json.FORMAT)
                        .plan()
                        .orElseThrow()
                        .zone())
                .isEmpty();
    }

    @Provide
    Arbitrary<java.util.Optional<ZoneId>> planZones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList())
                .map(ZoneId::of)
                .edgeCases(c -> c.add(ZoneId.of("+05:30"), ZoneId.of("UTC"), ZoneId.of("Australia/Sydney")))
                .optional(0.8);
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
    Arbitrary<EscalationWrite> anyCreation() {
        return Fixtures.creations("c", "E-1", "C-1");
    }

    @Property(tries = 100)
    void everyEscalationDocumentAndEntrySurvivesItsJson(@ForAll("anyCreation") EscalationWrite write) {
        StoredEscalation r = write.next();
        Json.EscalationBody body = new Json.EscalationBody(
                r.message(), r.plan(), r.participants(), r.resolution(), r.lessonsLearned(), r.policy());
        assertThat(json.readBody(json.writeBody(body), Json.FORMAT)).isEqualTo(body);
        assertThat(json.readFacts(json.writeFacts(r.facts()))).isEqualTo(r.facts());
        assertThat(json.readIntake(json.writeIntake(r.intake()))).isEqualTo(r.intake());
        assertThat(json.readHotline(json.writeOptional(r.hotline()))).isEqualTo(r.hotline());
        assertThat(json.readProposal(json.writeOptional(r.proposal()))).isEqualTo(r.proposal());
        for (StoredEntry e : write.entries()) {
            assertThat(json.readParams(json.writeParams(e.params()))).containsExactlyEntriesOf(e.params());
        }
    }

    @Property(tries = 20)
    void aDocumentOfAnUnknownFormatIsRefusedWithAClearMessage(@ForAll("anyEffect") SideEffect effect) {
        assertThatThrownBy(() -> json.readEffect(Json.typeOf(effect), json.writeEffect(effect), Json.FORMAT + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 3");
    }
}
