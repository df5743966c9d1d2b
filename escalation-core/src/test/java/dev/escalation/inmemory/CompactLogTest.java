package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compact log returns entries equal to those written, in order, and shares what is equal. */
class CompactLogTest {
    private static final Instant AT = Instant.parse("2027-01-04T09:00:00.123456789Z");

    private static String hex(int seed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            b.append("0123456789abcdef".charAt((seed * 31 + i * 7) & 15));
        }
        return b.toString();
    }

    private static StoredEntry entry(long seq, Optional<ChainLink> chain, Map<String, EntryParam> params) {
        return new StoredEntry(
                seq,
                AT.plusSeconds(seq / 2),
                ProgressKind.values()[(int) seq % ProgressKind.values().length],
                new ActorRef(ActorRef.Kind.STAFF, "eve"),
                seq % 2 == 0 ? Visibility.CUSTOMER : Visibility.INTERNAL,
                seq % 3 == 0 ? Optional.empty() : Optional.of("text " + seq),
                params,
                chain);
    }

    @Test
    void readsBackEqualEntriesWithAndWithoutChain() {
        Interner interner = new Interner();
        CompactLog log = new CompactLog(interner);
        List<StoredEntry> written = new ArrayList<>();
        Map<String, EntryParam> ordered = new LinkedHashMap<>();
        ordered.put("b", new EntryParam.Code("X"));
        ordered.put("a", new EntryParam.Ref("dan"));
        Map<String, EntryParam> reversed = new LinkedHashMap<>();
        reversed.put("a", new EntryParam.Ref("dan"));
        reversed.put("b", new EntryParam.Code("X"));
        for (int i = 1; i <= 40; i++) {
            Optional<ChainLink> chain = i <= 3 ? Optional.empty() : Optional.of(new ChainLink(hex(i), hex(i - 1)));
            Map<String, EntryParam> params = i % 4 == 0
                    ? Map.of("text", new EntryParam.Text("t" + i), "audit.text", new EntryParam.Ref(hex(i + 100)))
                    : i % 4 == 1 ? ordered : i % 4 == 2 ? reversed : Map.of();
            StoredEntry e = entry(i, chain, params);
            written.add(e);
            log.add(e);
        }
        assertThat(log).containsExactlyElementsOf(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(List.copyOf(log.get(i).params().keySet()))
                    .as("parameter order of entry %d", i + 1)
                    .containsExactlyElementsOf(written.get(i).params().keySet());
        }
        StoredEntry replaced = entry(7, Optional.of(new ChainLink(hex(70), hex(6))), Map.of());
        log.set(6, replaced);
        assertThat(log.get(6)).isEqualTo(replaced);
        // the actor, the keys a, b, text, audit.text, Code X and Ref dan; the commitments are kept as bytes
        assertThat(interner.size()).isEqualTo(7);
    }

    @Test
    void readsBackHashLikeReferencesAndTheGenesisLinkExactly() {
        CompactLog log = new CompactLog(new Interner());
        String upper = hex(5).toUpperCase(java.util.Locale.ROOT);
        String almost = hex(6).substring(0, 63) + "g";
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("upper", new EntryParam.Ref(upper));
        params.put("almost", new EntryParam.Ref(almost));
        params.put("short", new EntryParam.Ref(hex(7).substring(1)));
        params.put("hash", new EntryParam.Ref(hex(8)));
        StoredEntry first = entry(1, Optional.of(new ChainLink(hex(1), "0".repeat(64))), params);
        StoredEntry second = entry(2, Optional.of(new ChainLink(hex(2), hex(9))), Map.of());
        log.add(first);
        log.add(second);
        assertThat(log).containsExactly(first, second);
        assertThat(log.hashIs(hex(2), log.lastHashAt())).isTrue();
        assertThat(log.hashIs(hex(1), log.lastHashAt())).isFalse();
    }

    @Test
    void theDigitTableAgreesWithTheDigitRuleOnEveryCharacter() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            int rule = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            assertThat(HexDigits.digit((char) c)).as("character %d", c).isEqualTo(rule);
        }
    }

    @Test
    void anEntryOutOfPlaceIsKeptAsWritten() {
        CompactLog log = new CompactLog(new Interner());
        StoredEntry odd = entry(5, Optional.empty(), Map.of());
        log.add(odd);
        assertThat(log.get(0)).isSameAs(odd);
        assertThat(log).hasSize(1);
    }

    @Test
    void theInternerIsBounded() {
        Interner interner = new Interner();
        ActorRef s0 = new ActorRef(ActorRef.Kind.STAFF, "s0");
        assertThat(interner.intern(s0)).isSameAs(s0);
        for (int i = 1; i < Interner.MAX + 100; i++) {
            ActorRef a = new ActorRef(ActorRef.Kind.STAFF, "s" + i);
            assertThat(interner.intern(a)).isEqualTo(a);
        }
        assertThat(interner.size()).isEqualTo(Interner.MAX);
        assertThat(interner.intern(new ActorRef(ActorRef.Kind.STAFF, "s0"))).isSameAs(s0);
    }
}
