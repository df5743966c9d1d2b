package dev.escalation;

import static dev.escalation.World.EVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * An external stakeholder's address is their id as a participant: whatever address adding them accepts, removing
 * them by that address works; an address that could not name them there (an invisible formatting character, which
 * makes two addresses that look the same differ) is refused when they are added, and nothing changes. A participant
 * that 0.1.0 stored with such a character (it did not refuse them) is removed by exactly its address, and no other
 * address that looks the same removes anyone.
 */
class ExternalAddressProperties {
    private final World w = new World();
    private final EscalationId id = w.active();

    /**
     * Addresses of letters with, in about half of them, one invisible, bidirectional, space or control character put
     * anywhere (the domain included).
     */
    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withChars("abz.-_+\u00e9")
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(l -> "z" + l + "@partner.example");
        Arbitrary<Character> odd = Arbitraries.of(
                '\u200B', '\u200C', '\u200D', '\u200E', '\u202E', '\u2066', '\u2069', '\u00AD', '\uFEFF', ' ', '\u00A0',
                '\t', '\u0007', '\u2028');
        Arbitrary<String> withOne = Combinators.combine(
                        plain, odd, Arbitraries.integers().between(0, 100))
                .as((a, c, at) -> a.substring(0, at % (a.length() + 1)) + c + a.substring(at % (a.length() + 1)));
        return Arbitraries.oneOf(plain, withOne);
    }

    @Property(tries = 1000)
    @StatisticsReport(onFailureOnly = true)
    void anExternalAddedByAnAddressIsRemovedByIt(@ForAll("addresses") String address) {
        long before = w.engine.find(EVE, id).orElseThrow().version();
        EscalationView added;
        try {
            added = w.engine.addParticipant(EVE, AddParticipant.external(id, "Zoe Extern", address));
        } catch (InvalidCommandException refused) {
            Statistics.collect("refused");
            Statistics.coverage(c -> c.check("refused").count(n -> n > 100));
            Statistics.coverage(c -> c.check("added").count(n -> n > 100));
            assertThat(w.engine.find(EVE, id).orElseThrow().version())
                    .as("nothing changed")
                    .isEqualTo(before);
            return;
        }
        Statistics.collect("added");
        Statistics.coverage(c -> c.check("refused").count(n -> n > 100));
        Statistics.coverage(c -> c.check("added").count(n -> n > 100));
        assertThat(added.participants()).contains(new Party(Party.Kind.EXTERNAL, address, "Zoe Extern", address));

        EscalationView removed = w.engine.removeParticipant(EVE, RemoveParticipant.external(id, address, "left"));

        assertThat(removed.participants()).noneMatch(p -> p.kind() == Party.Kind.EXTERNAL);
    }

    /** Invisible characters 0.1.0 accepted in an address: zero-width, bidirectional, soft hyphen, byte-order mark. */
    @Provide
    Arbitrary<String> storedBy010() {
        Arbitrary<Character> invisible =
                Arbitraries.of('\u200B', '\u200C', '\u200D', '\u200E', '\u202E', '\u2066', '\u00AD', '\uFEFF');
        return Combinators.combine(invisible, Arbitraries.integers().between(0, 20))
                .as((c, at) -> {
                    String plain = "zoe@partner.example";
                    int i = at % (plain.length() + 1);
                    return plain.substring(0, i) + c + plain.substring(i);
                });
    }

    @Property(tries = 200)
    void aParticipantStoredBy010WithAnInvisibleCharacterIsRemovedByExactlyItsAddress(
            @ForAll("storedBy010") String stored, @ForAll("storedBy010") String other) {
        World w = new World();
        EscalationId id = w.active();
        Party old = new Party(Party.Kind.EXTERNAL, stored, "Zoe Extern", stored);
        Party lookAlike = new Party(Party.Kind.EXTERNAL, "zoe@partner.example", "Zoe Extern", "zoe@partner.example");
        storeAs010Did(w, id, old);
        w.engine.addParticipant(EVE, AddParticipant.external(id, "Zoe Extern", "zoe@partner.example"));

        if (!other.equals(stored)) {
            long before = w.engine.find(EVE, id).orElseThrow().version();
            assertThatThrownBy(() -> w.engine.removeParticipant(EVE, RemoveParticipant.external(id, other, "left")))
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(v -> v.field() + "." + v.rule())
                                    .containsExactly("participantId.Participant"));
            assertThat(w.engine.find(EVE, id).orElseThrow().version()).isEqualTo(before);
        }

        EscalationView removed = w.engine.removeParticipant(EVE, RemoveParticipant.external(id, stored, "left"));

        assertThat(removed.participants()).doesNotContain(old).contains(lookAlike);
        assertThat(w.engine
                        .timeline(EVE, id, PageRequest.first(PageRequest.MAX_SIZE))
                        .items())
                .filteredOn(e -> e.kind() == ProgressKind.PARTICIPANT_REMOVED)
                .hasSize(1);
    }

    /** Puts {@code old} among the escalation's participants in the store, as an upgraded 0.1.0 store holds it. */
    private static void storeAs010Did(World w, EscalationId id, Party old) {
        w.memoryStore.changeForVendor(id, (UnitOfWork<Void>) current -> {
            List<Party> participants = new ArrayList<>(current.participants());
            participants.add(old);
            return UnitOfWork.Decision.write(
                    new EscalationWrite(
                            TestRecords.copy(current)
                                    .version(current.version() + 1)
                                    .participants(participants)
                                    .build(),
                            List.of(),
                            List.of(),
                            List.of()),
                    null);
        });
    }

    @Example
    void anAddressWithAnInvisibleCharacterIsRefusedNamingTheFieldAndTheRule() {
        long before = w.engine.find(EVE, id).orElseThrow().version();

        assertThatThrownBy(() -> w.engine.addParticipant(
                        EVE, AddParticipant.external(id, "Zoe Extern", "zoe\u200B@partner.example")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + "." + v.rule())
                                .containsExactly("email.Id"));
        assertThat(w.engine.find(EVE, id).orElseThrow().version()).isEqualTo(before);
    }
}
