package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Intake;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast paths of {@link CompactRecord}'s write constructor give what the plain one gives: the participants' row of
 * the version before is reused only when it holds exactly the participants written, and a chain head that is the very
 * string the log's last hash was written from is taken as that hash, as the digit-by-digit comparison would. Small
 * alphabets make equal and almost-equal participants and hashes frequent.
 */
class CompactRecordReuseProperties {
    private static final Instant T0 = Instant.parse("2027-01-12T09:00:00Z");

    @Provide
    Arbitrary<List<Party>> parties() {
        Arbitrary<String> small = Arbitraries.of("a", "b", "ab");
        Arbitrary<Party> party = Arbitraries.of(Party.Kind.class)
                .flatMap(kind -> small.flatMap(id -> small.flatMap(name ->
                        small.map(mail -> new Party(kind, new String(id), new String(name), new String(mail))))));
        return party.list().ofMaxSize(3);
    }

    @Property(tries = 2000)
    void aRowIsReusedOnlyWhenItHoldsExactlyTheParticipants(
            @ForAll("parties") List<Party> parties,
            @ForAll("parties") List<Party> before,
            @ForAll boolean sameAsBefore,
            @ForAll boolean noRowBefore) {
        Object[] previous = noRowBefore ? null : CompactRecord.flat(sameAsBefore ? List.copyOf(parties) : before, null);
        Object[] plain = CompactRecord.flat(parties, null);

        Object[] row = CompactRecord.flat(parties, previous);

        assertThat(row).containsExactly(plain);
        if (previous != null && row == previous) {
            assertThat(Arrays.equals(previous, plain)).isTrue();
        }
        if (previous != null && Arrays.equals(previous, plain)) {
            assertThat(row).isSameAs(previous);
        }
    }

    private static String hash(int seed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            b.append("0123456789abcdef".charAt((seed * 7 + i * (seed % 3 + 1)) & 15));
        }
        return b.toString();
    }

    private static StoredEntry entry(long seq, Optional<ChainLink> chain) {
        return new StoredEntry(
                seq,
                T0.plusSeconds(seq),
                ProgressKind.values()[(int) seq % ProgressKind.values().length],
                new ActorRef(ActorRef.Kind.STAFF, "eve"),
                Visibility.INTERNAL,
                Optional.empty(),
                Map.of(),
                chain);
    }

    private static StoredEscalation record(List<Party> participants, Optional<String> head) {
        return new StoredEscalation(
                EscalationId.of("e-1"),
                2,
                CustomerId.of("acme"),
                CaseId.of("C-1"),
                EscalationState.ACTIVE,
                ContactId.of("ina"),
                Intake.portal(ContactId.of("ina")),
                "m",
                Cause.DATABASE_OUTAGE,
                Criticality.HIGH,
                Optional.empty(),
                T0,
                T0.plusSeconds(60),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                participants,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                EscalationFacts.NONE.withChainHead(head),
                Optional.empty());
    }

    /**
     * head: 0 none, 1 the last entry's hash (the same string), 2 an equal copy of it, 3 another hash; the last entry
     * without a link, or kept as written (a sequence out of place), in some tries.
     */
    @Property(tries = 2000)
    void aKnownLastHashGivesTheRecordThePlainConstructorGives(
            @ForAll @IntRange(min = 1, max = 5) int entries,
            @ForAll @IntRange(min = 0, max = 3) int headKind,
            @ForAll @IntRange(min = 0, max = 5) int seed,
            @ForAll boolean lastWithoutLink,
            @ForAll boolean lastOutOfPlace,
            @ForAll("parties") List<Party> participants) {
        CompactLog log = new CompactLog(new Interner());
        List<StoredEntry> written = new ArrayList<>();
        for (int i = 1; i <= entries; i++) {
            boolean last = i == entries;
            Optional<ChainLink> chain = last && lastWithoutLink
                    ? Optional.empty()
                    : Optional.of(new ChainLink(hash(seed + i), i == 1 ? "0".repeat(64) : hash(seed + i - 1)));
            written.add(entry(last && lastOutOfPlace ? i + 10 : i, chain));
        }
        log.addAll(written);
        StoredEntry lastEntry = written.get(written.size() - 1);
        String lastHash = lastEntry.chain().map(ChainLink::hash).orElse(null);
        String known = lastHash != null ? lastHash : hash(seed + entries);
        Optional<String> head = switch (headKind) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(known);
            case 2 -> Optional.of(new String(known.toCharArray()));
            default -> Optional.of(hash(seed + entries + 1));
        };
        StoredEscalation s = record(participants, head);
        CompactRecord before = new CompactRecord(record(participants, Optional.empty()), null);

        CompactRecord fast = new CompactRecord(s, log, before, lastHash);
        CompactRecord plain = new CompactRecord(s, log);

        assertThat(fast.toStored(null)).isEqualTo(plain.toStored(null)).isEqualTo(s);
    }
}
