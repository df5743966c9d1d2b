package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass {@link AuditChain#link} (a reused writer per thread, commitments written while the parameters are
 * visited, the HMAC kept initialised with the last key, parameter arrays instead of maps, hex without a builder) links
 * exactly as the plain algorithm over the encoding of {@code docs/audit.md} does: the same entries, parameters in the
 * same order, the same hashes and commitments, and the same missing keys in the same order.
 */
class AuditChainProperties {
    private static final HexFormat HEX = HexFormat.of();
    private static final EscalationId ID = EscalationId.of("E-ü7");
    private static final Instant T0 = Instant.parse("2027-01-12T10:00:00Z");
    private static final List<PartyRef> SUBJECTS = List.of(
            new PartyRef(Party.Kind.CONTACT, "ina"),
            new PartyRef(Party.Kind.STAFF, "eve"),
            new PartyRef(Party.Kind.STAFF, "system"),
            new PartyRef(Party.Kind.CONTACT, "otto"),
            new PartyRef(Party.Kind.EXTERNAL, "x-1"));

    record Case(
            ChronoUnit precision,
            Optional<String> head,
            long firstSequence,
            List<StoredEntry> entries,
            Map<PartyRef, byte[]> keys) {}

    @Property(tries = 1000)
    void linking_in_one_pass_gives_what_the_specified_encoding_gives(@ForAll("cases") Case c) {
        Object slow = outcome(() -> plainLink(c));
        Object fast = outcome(() -> {
            AuditChain.Keys keys = new AuditChain.Keys();
            c.keys().forEach(keys::put);
            return new AuditChain(null, c.precision(), false).link(ID, c.head().orElse(null), c.entries(), keys);
        });
        assertThat(fast).isEqualTo(slow);
    }

    /**
     * With the store's keys in the transaction (SPI v2) nothing is asked for: each missing key is read once, all of
     * them in one fixed order (kind, then id: no two commands wait for each other's new keys in opposite orders), and
     * the links are those of a command that knew every key beforehand.
     */
    @Property(tries = 1000)
    void keys_read_in_the_transaction_are_read_once_each_in_a_fixed_order(
            @ForAll("cases") Case c, @ForAll boolean someKnown) {
        Map<PartyRef, byte[]> known = someKnown ? c.keys() : Map.of();
        Map<PartyRef, byte[]> store = new LinkedHashMap<>(known);
        List<PartyRef> read = new ArrayList<>();
        dev.escalation.spi.SubjectKeys inTransaction = new dev.escalation.spi.SubjectKeys() {
            @Override
            public byte[] keyOf(PartyRef subject) {
                read.add(subject);
                return store.computeIfAbsent(subject, x -> {
                    // never all zero (the engine refuses a wiped key): x.hashCode() varies from JVM to JVM
                    byte[] key = new byte[dev.escalation.spi.SubjectKeys.KEY_BYTES];
                    Arrays.fill(key, (byte) 1);
                    key[0] = (byte) x.hashCode();
                    return key;
                });
            }

            @Override
            public java.util.Optional<byte[]> existingKey(PartyRef subject) {
                return java.util.Optional.ofNullable(store.get(subject));
            }

            @Override
            public boolean shred(PartyRef subject) {
                return store.remove(subject) != null;
            }
        };
        AuditChain.Keys keys = new AuditChain.Keys().bind(inTransaction);
        known.forEach(keys::put);
        Object linked = outcome(() ->
                new AuditChain(null, c.precision(), true).link(ID, c.head().orElse(null), c.entries(), keys));

        Object expected =
                outcome(() -> plainLink(new Case(c.precision(), c.head(), c.firstSequence(), c.entries(), store)));
        assertThat(linked).isEqualTo(expected);
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read).noneMatch(known::containsKey);
        assertThat(read)
                .isSortedAccordingTo(
                        java.util.Comparator.comparing((PartyRef p) -> p.kind()).thenComparing(PartyRef::id));
    }

    @Property(tries = 2000)
    void numbers_are_written_as_their_decimal_strings(@ForAll("numbers") long v) {
        AuditWriter w = new AuditWriter().add(v);
        assertThat(java.util.Arrays.copyOf(w.buf, w.n)).isEqualTo(fields(Long.toString(v)));
    }

    @Provide
    Arbitrary<Long> numbers() {
        List<Long> edges = new ArrayList<>(List.of(
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                (long) Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L,
                -1L - Integer.MAX_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            edges.addAll(List.of(p - 1, p, p + 1, -p + 1, -p, -p - 1, 10 * p - 1));
        }
        return Arbitraries.oneOf(
                Arbitraries.of(edges),
                Arbitraries.longs(),
                Arbitraries.integers().map(i -> (long) i));
    }

    /** The entries with their parameter names in order (a map's equality ignores order), or what was thrown. */
    private static Object outcome(java.util.concurrent.Callable<List<StoredEntry>> link) {
        try {
            List<Object> out = new ArrayList<>();
            for (StoredEntry e : link.call()) {
                out.add(List.of(e, List.copyOf(e.params().keySet())));
            }
            return out;
        } catch (AuditChain.Missing m) {
            return List.of("missing", List.copyOf(m.subjects));
        } catch (Exception e) {
            return List.of(e.getClass(), String.valueOf(e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ the plain algorithm

    private static List<StoredEntry> plainLink(Case c) throws Exception {
        Set<PartyRef> missing = new LinkedHashSet<>();
        for (StoredEntry e : c.entries()) {
            if (e.text().isPresent() && !c.keys().containsKey(author(e))) {
                missing.add(author(e));
            }
            for (Map.Entry<String, EntryParam> p : e.params().entrySet()) {
                if (p.getValue() instanceof EntryParam.Text && !c.keys().containsKey(subject(e, p.getKey()))) {
                    missing.add(subject(e, p.getKey()));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new AuditChain.Missing(missing);
        }
        String previous = c.head().orElse(null);
        List<StoredEntry> out = new ArrayList<>();
        for (StoredEntry e : c.entries()) {
            Instant at = e.at().truncatedTo(c.precision());
            if (previous == null) {
                previous = e.sequence() == 1
                        ? "0".repeat(64)
                        : sha256(fields(
                                "escalation-audit/1",
                                "genesis",
                                ID.value(),
                                Long.toString(e.sequence() - 1),
                                Long.toString(at.getEpochSecond()),
                                Integer.toString(at.getNano())));
            }
            Map<String, EntryParam> stored = new LinkedHashMap<>();
            Map<String, EntryParam> commitments = new LinkedHashMap<>();
            ByteArrayOutputStream params = new ByteArrayOutputStream();
            for (Map.Entry<String, EntryParam> p : e.params().entrySet()) {
                String name = p.getKey();
                EntryParam value = p.getValue() instanceof EntryParam.At a
                        ? new EntryParam.At(a.value().truncatedTo(c.precision()))
                        : p.getValue();
                stored.put(name, value);
                if (value instanceof EntryParam.Text t) {
                    String commitment =
                            commit(c.keys().get(subject(e, name)), e.sequence(), "param:" + name, t.value());
                    commitments.put("audit.param." + name, new EntryParam.Ref(commitment));
                    params.write(fields(name, "T", commitment));
                } else {
                    params.write(encoded(name, value));
                }
            }
            Optional<String> text = e.text().map(t -> commit(c.keys().get(author(e)), e.sequence(), "text", t));
            text.ifPresent(t -> commitments.put("audit.text", new EntryParam.Ref(t)));
            stored.putAll(commitments);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(fields(
                    "escalation-audit/1",
                    "entry",
                    ID.value(),
                    Long.toString(e.sequence()),
                    Long.toString(at.getEpochSecond()),
                    Integer.toString(at.getNano()),
                    e.kind().name(),
                    e.actor().kind().name(),
                    e.actor().id(),
                    e.visibility().name()));
            all.write(text.isPresent() ? fields("1", text.get()) : fields("0"));
            all.write(fields(Integer.toString(e.params().size())));
            all.write(params.toByteArray());
            all.write(fields(previous));
            String hash = sha256(all.toByteArray());
            out.add(new StoredEntry(
                    e.sequence(),
                    at,
                    e.kind(),
                    e.actor(),
                    e.visibility(),
                    e.text(),
                    stored,
                    Optional.of(new ChainLink(hash, previous))));
            previous = hash;
        }
        return out;
    }

    private static PartyRef author(StoredEntry e) {
        return switch (e.actor().kind()) {
            case CONTACT -> new PartyRef(Party.Kind.CONTACT, e.actor().id());
            case STAFF -> new PartyRef(Party.Kind.STAFF, e.actor().id());
            case SYSTEM -> new PartyRef(Party.Kind.STAFF, "system");
        };
    }

    private static PartyRef subject(StoredEntry e, String name) {
        if ((e.kind() == ProgressKind.PARTICIPANT_ADDED || e.kind() == ProgressKind.PARTICIPANT_REMOVED)
                && name.equals("participantName")
                && e.params().get("participant") instanceof EntryParam.Ref ref
                && e.params().get("participantKind") instanceof EntryParam.Code code) {
            return new PartyRef(Party.Kind.valueOf(code.value()), ref.value());
        }
        return author(e);
    }

    private static byte[] encoded(String name, EntryParam value) throws Exception {
        if (value instanceof EntryParam.At a) {
            return fields(
                    name,
                    "A",
                    Long.toString(a.value().getEpochSecond()),
                    Integer.toString(a.value().getNano()));
        } else if (value instanceof EntryParam.Span s) {
            return fields(
                    name,
                    "S",
                    Long.toString(s.value().getSeconds()),
                    Integer.toString(s.value().getNano()));
        } else if (value instanceof EntryParam.Code code) {
            return fields(name, "C", code.value());
        } else if (value instanceof EntryParam.Ref r) {
            return fields(name, "R", r.value());
        }
        return fields(name, "N", Long.toString(((EntryParam.Count) value).value()));
    }

    private static String commit(byte[] key, long sequence, String field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(
                    fields("escalation-audit/1", "commit", ID.value(), Long.toString(sequence), field, value)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key of zero bytes only is a wiped key, which the engine refuses (AuditKeys.checked). */
    private static boolean notWiped(byte[] key) {
        for (byte b : key) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] fields(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.write((byte) (b.length >>> 24));
            out.write((byte) (b.length >>> 16));
            out.write((byte) (b.length >>> 8));
            out.write((byte) b.length);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ inputs

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ChronoUnit> precision =
                Arbitraries.of(ChronoUnit.NANOS, ChronoUnit.MICROS, ChronoUnit.MILLIS, ChronoUnit.SECONDS);
        Arbitrary<Optional<String>> head =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).optional(0.5);
        Arbitrary<Long> first = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(1L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(2, 5000)));
        Arbitrary<List<Entry>> entries = entry().list().ofMinSize(0).ofMaxSize(4);
        // mostly every subject's key; sometimes one subject lacks it
        Arbitrary<Map<PartyRef, byte[]>> keys = Combinators.combine(
                        Arbitraries.integers().between(0, 2 * SUBJECTS.size()),
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofSize(32)
                                .filter(AuditChainProperties::notWiped)
                                .list()
                                .ofSize(SUBJECTS.size()))
                .as((lacking, bytes) -> {
                    Map<PartyRef, byte[]> m = new LinkedHashMap<>();
                    for (int i = 0; i < SUBJECTS.size(); i++) {
                        if (i != lacking) {
                            m.put(SUBJECTS.get(i), bytes.get(i));
                        }
                    }
                    return m;
                });
        return Combinators.combine(precision, head, first, entries, keys).as((p, h, f, es, k) -> {
            List<StoredEntry> list = new ArrayList<>();
            for (int i = 0; i < es.size(); i++) {
                Entry e = es.get(i);
                list.add(new StoredEntry(
                        f + i, e.at(), e.kind(), e.actor(), e.visibility(), e.text(), e.params(), Optional.empty()));
            }
            return new Case(p, h, f, list, k);
        });
    }

    record Entry(
            Instant at,
            ProgressKind kind,
            ActorRef actor,
            Visibility visibility,
            Optional<String> text,
            Map<String, EntryParam> params) {}

    private static Arbitrary<Entry> entry() {
        Arbitrary<Instant> at =
                Arbitraries.longs().between(0, 400L * 86_400 * 1_000_000_000L).map(T0::plusNanos);
        Arbitrary<ProgressKind> kind = Arbitraries.of(
                ProgressKind.NOTE,
                ProgressKind.PARTICIPANT_ADDED,
                ProgressKind.PARTICIPANT_REMOVED,
                ProgressKind.ESCALATED,
                ProgressKind.RESOLVED);
        Arbitrary<ActorRef> actor = Arbitraries.of(
                ActorRef.contact(ContactId.of("ina")), ActorRef.staff(StaffId.of("eve")), ActorRef.SYSTEM);
        Arbitrary<Optional<String>> text = texts().optional(0.4);
        Arbitrary<Map<String, EntryParam>> params = Combinators.combine(names(), param())
                .as(Map::entry)
                .list()
                .ofMaxSize(20)
                .map(list -> {
                    Map<String, EntryParam> m = new LinkedHashMap<>();
                    list.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
        return Combinators.combine(at, kind, actor, Arbitraries.of(Visibility.class), text, params)
                .as(Entry::new);
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("", "Grüße – 10 €", "emoji \uD83D\uDE00", "lone \uD800", "x".repeat(600)));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "participantName",
                        "participant",
                        "participantKind",
                        "note",
                        "at",
                        "größe",
                        "audit.text",
                        "audit.param.note"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
    }

    private static Arbitrary<EntryParam> param() {
        return Arbitraries.oneOf(
                texts().map(EntryParam.Text::new),
                Arbitraries.longs()
                        .between(-5L * 86_400 * 1_000_000_000L, 5L * 86_400 * 1_000_000_000L)
                        .map(n -> new EntryParam.At(T0.plusNanos(n))),
                Combinators.combine(
                                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                                Arbitraries.integers().between(0, 999_999_999))
                        .as((s, n) -> new EntryParam.Span(Duration.ofSeconds(s, n))),
                Arbitraries.oneOf(
                                Arbitraries.of("CONTACT", "STAFF", "EXTERNAL", "NOBODY"),
                                Arbitraries.strings().ofMaxLength(5))
                        .map(EntryParam.Code::new),
                Arbitraries.oneOf(Arbitraries.of("ina", "otto", "x-1", "eve"), texts())
                        .map(EntryParam.Ref::new),
                Arbitraries.longs().map(EntryParam.Count::new));
    }
}
