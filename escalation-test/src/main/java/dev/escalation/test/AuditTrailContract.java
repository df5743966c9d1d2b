package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.AuditVerification;
import dev.escalation.EscalationEngine;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.spi.UnitOfWork.Decision;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract of the audit trail's ports: rules A1 to A6 of {@code RULES.md}. A1 runs the engine with the audit trail
 * on against the store under test (in-memory keys and anchors) and checks that every chained field comes back
 * byte-identical at the store's declared instant precision; A2 checks an {@link AuditAnchors} adapter, A3 and A4 a
 * {@link SubjectKeys} adapter (A6 every key it answers); A5 runs the engine on the store and the keys under test
 * together and, when the store keeps those keys (SPI v2, {@link EscalationStore#keepsSubjectKeys}), checks the keys
 * its units of work get. The
 * store, anchors and keys must start empty of the ids a run uses (ids are unique per run).
 */
public abstract class AuditTrailContract {
    private final String run = Kit.run("a");

    /** Creates the contract. */
    protected AuditTrailContract() {}

    /**
     * Creates the store whose chained fields are checked (A1): empty. Called once per A1 run.
     *
     * @return a new store
     */
    protected abstract EscalationStore createStore();

    /**
     * Creates the anchor store under test (A2).
     *
     * @return the adapter
     */
    protected abstract AuditAnchors createAnchors();

    /**
     * Creates the key store under test (A3, A4).
     *
     * @return the adapter
     */
    protected abstract SubjectKeys createKeys();

    // ------------------------------------------------------------------ A1

    @Test
    void a1_chainedFieldsRoundTripAtTheDeclaredPrecision() {
        EscalationStore store = createStore();
        Instant start = Instant.parse("2027-01-12T09:00:00.123456789Z");
        MutableClock clock = MutableClock.at(start);
        EscalationEngine engine = engine(store, clock, new InMemorySubjectKeys());
        Actor ina = Actor.contact(run + "-ina");
        Actor sam = Actor.staff(run + "-sam");
        Actor eve = Actor.staff(run + "-eve");
        EscalationId id = engine.escalate(
                        ina,
                        new EscalateCase(
                                CaseId.of(run + "-C"),
                                "Texte hors BMP: \uD83D\uDE80 and ümlauts",
                                Cause.SOFTWARE_ERROR,
                                Criticality.HIGH,
                                null))
                .escalation();
        clock.advance(Duration.ofNanos(1_000_001));
        engine.acknowledge(sam, new Acknowledge(id, StaffId.of(run + "-eve"), "Called \uD83D\uDCDE"));
        clock.advance(Duration.ofSeconds(61).plusNanos(987_654_321));
        engine.agreePlan(
                eve,
                new AgreePlan(
                        id,
                        Duration.ofHours(25).plusNanos(3),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(3600).plusNanos(7)));
        clock.advance(Duration.ofNanos(999));
        engine.addParticipant(
                eve, new AddParticipant(id, Party.Kind.EXTERNAL, run + "-x", "Zoë \uD83D\uDE00", "zoe@example.org"));
        engine.logProgress(eve, new LogProgress(id, LogProgress.Kind.NOTE, "internal note", Visibility.INTERNAL));

        AuditVerification v = engine.operations().audit().verify(sam, id);
        List<StoredEntry> log = store.entriesForVendor(id, 0, 500);
        assertThat(v.problem())
                .as(broken(
                        "A1",
                        "the chain written at precision " + store.capabilities().instantPrecision()
                                + " does not verify when read back (" + v.problem() + "); entries read: " + log,
                        "that entry instants, At parameters (nanoseconds up to the declared precision), Span"
                                + " parameters, texts and parameter order come back exactly as written, and the"
                                + " declared instantPrecision() is what the store really keeps"))
                .isEmpty();
        assertThat(v.length())
                .as(broken("A1", "the chain has " + v.length() + " entries, expected 5", "the log is complete"))
                .isEqualTo(5);
        assertThat(store.findForVendor(id).orElseThrow().facts().chainHead())
                .as(broken("A1", "the stored facts lost the chain head", "EscalationFacts.chainHead is stored"))
                .isEqualTo(v.head());
    }

    private EscalationEngine engine(EscalationStore store, MutableClock clock, SubjectKeys keys) {
        return auditedEngine(run, store, clock, keys);
    }

    /**
     * An engine on {@code store} with the audit trail on (keys {@code keys}, in-memory anchors, an Ed25519 key pair),
     * always open, and the run's cast: {@code <run>-ina} (Incident Manager of {@code <run>-acme}, case
     * {@code <run>-C}), {@code <run>-sam} (Support Management) and {@code <run>-eve} (Escalation Manager). Rules S20
     * and A1–A5 share it.
     */
    static EscalationEngine auditedEngine(String run, EscalationStore store, MutableClock clock, SubjectKeys keys) {
        CustomerId acme = CustomerId.of(run + "-acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of(run + "-ina"),
                        acme,
                        "Ina",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of(run + "-C"), acme, "Case"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(new StaffMember(
                        StaffId.of(run + "-sam"),
                        "Sam",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of(run + "-eve"),
                        "Eve",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true));
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .auditTrail(new AuditSettings(keys, new InMemoryAuditAnchors(), ed25519()))
                .build();
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ A5

    @Test
    void a5_aStoreThatKeepsTheSubjectKeysUsesThemInsideItsTransactions() {
        EscalationStore store = createStore();
        SubjectKeys keys = createKeys();
        boolean kept = store.keepsSubjectKeys(keys);
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        EscalationEngine engine = engine(store, clock, keys);
        Actor sam = Actor.staff(run + "-sam");
        Actor eve = Actor.staff(run + "-eve");
        PartyRef ina = new PartyRef(Party.Kind.CONTACT, run + "-ina");
        PartyRef evesRef = new PartyRef(Party.Kind.STAFF, run + "-eve");
        EscalationId id = engine.escalate(
                        Actor.contact(run + "-ina"),
                        new EscalateCase(CaseId.of(run + "-C"), "Down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(sam, new Acknowledge(id, StaffId.of(run + "-eve"), "Called Ina"));
        engine.agreePlan(
                eve,
                new AgreePlan(
                        id,
                        Duration.ofHours(25),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(3600)));
        engine.logProgress(eve, new LogProgress(id, LogProgress.Kind.NOTE, "first note", Visibility.INTERNAL));
        String where = kept ? "inside the store's transactions (keepsSubjectKeys is true)" : "before each unit of work";
        assertThat(keys.existingKey(ina))
                .as(broken(
                        "A5",
                        "the escalation's author has no key in the engine's SubjectKeys after escalate (keys read "
                                + where + ")",
                        "that createWithKeys gives its function the keys of the SubjectKeys passed to"
                                + " keepsSubjectKeys, not keys of its own"))
                .isPresent();
        AuditVerification v = engine.operations().audit().verify(sam, id);
        assertThat(v.problem())
                .as(broken(
                        "A5",
                        "the chain written with keys read " + where + " does not verify (" + v.problem() + ")",
                        "that the keys the unit of work was given are the ones SubjectKeys stores"))
                .isEmpty();
        byte[] old = keys.existingKey(evesRef)
                .orElseThrow(() -> new AssertionError(broken(
                        "A5",
                        "the author of a progress entry has no key in the engine's SubjectKeys (keys read " + where
                                + ")",
                        "that decide(current, keys) is given the keys of the SubjectKeys passed to keepsSubjectKeys")));
        assertThat(keys.shred(evesRef))
                .as(broken("A5", "shred() of an existing key returned false", "the delete"))
                .isTrue();
        engine.logProgress(eve, new LogProgress(id, LogProgress.Kind.NOTE, "second note", Visibility.INTERNAL));
        assertThat(keys.existingKey(evesRef).orElse(null))
                .as(broken(
                        "A5",
                        "after shred() the next command did not create a new key, or brought the old one back",
                        "that the store's transactional keys read the stored key every time (no cache)"))
                .isNotNull()
                .isNotEqualTo(old);
        if (!kept) {
            return;
        }
        PartyRef fresh = new PartyRef(Party.Kind.EXTERNAL, run + "-fresh");
        byte[][] seen = new byte[2][];
        store.changeForVendor(id, new UnitOfWork<String>() {
            @Override
            public Decision<String> decide(StoredEscalation current) {
                return Decision.keep("without keys");
            }

            @Override
            public Decision<String> decide(StoredEscalation current, SubjectKeys tx) {
                seen[0] = tx.keyOf(fresh);
                seen[1] = tx.keyOf(fresh);
                return Decision.keep("with keys");
            }
        });
        assertThat(seen[0])
                .as(broken(
                        "A5",
                        "a store that keeps the subject keys did not call decide(current, keys)",
                        "changeForVendor/changeForCustomer call the SPI v2 method"))
                .isNotNull()
                .hasSize(SubjectKeys.KEY_BYTES)
                .isEqualTo(seen[1]);
        assertThat(keys.existingKey(fresh).orElse(null))
                .as(broken(
                        "A5",
                        "a key created inside a committed unit of work is not the one SubjectKeys returns",
                        "that the transactional keys write the table/map of the SubjectKeys passed to"
                                + " keepsSubjectKeys"))
                .isNotNull()
                .isEqualTo(seen[0]);
        PartyRef rolledBack = new PartyRef(Party.Kind.EXTERNAL, run + "-rolled-back");
        RuntimeException refused = new IllegalStateException("refused");
        Throwable thrown = Rules.thrown(() -> store.changeForVendor(id, new UnitOfWork<String>() {
            @Override
            public Decision<String> decide(StoredEscalation current) {
                throw refused;
            }

            @Override
            public Decision<String> decide(StoredEscalation current, SubjectKeys tx) {
                tx.keyOf(rolledBack);
                throw refused;
            }
        }));
        assertThat(thrown).isSameAs(refused);
        assertThat(keys.existingKey(rolledBack))
                .as(broken(
                        "A5",
                        "a key created by a unit of work that threw was kept",
                        "that a key created inside the transaction is written with it and rolled back with it"))
                .isEmpty();
    }

    // ------------------------------------------------------------------ A2

    @Test
    void a2_anchorsKeepTheLatestPerEscalationUnchanged() {
        AuditAnchors anchors = createAnchors();
        EscalationId one = EscalationId.of(run + "-E1");
        EscalationId two = EscalationId.of(run + "-E2");
        Instant at = Instant.parse("2027-01-12T09:00:00.123456Z");
        List<Anchor> recorded = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Anchor a = anchor(one, i, at.plusSeconds(i));
            anchors.record(a);
            recorded.add(a);
        }
        Anchor other = anchor(two, 9, at);
        anchors.record(other);
        assertThat(anchors.latest(one))
                .as(broken(
                        "A2",
                        "latest() did not return the last anchor recorded, unchanged",
                        "the order anchors are recorded in, and that length, head, at (microseconds) and the"
                                + " signature bytes are stored as given"))
                .contains(recorded.get(2));
        assertThat(anchors.latest(two))
                .as(broken("A2", "latest() mixed escalations up", "the escalation key"))
                .contains(other);
        assertThat(anchors.latest(EscalationId.of(run + "-E3")))
                .as(broken("A2", "latest() of an escalation without anchors is not empty", "the escalation key"))
                .isEmpty();
    }

    private static Anchor anchor(EscalationId id, long length, Instant at) {
        byte[] signature = new byte[64];
        for (int i = 0; i < signature.length; i++) {
            signature[i] = (byte) (i * 7 + length);
        }
        String head = HexFormat.of()
                .formatHex(java.nio.ByteBuffer.allocate(32).putLong(length).array());
        return new Anchor(id, length, head, at, signature);
    }

    // ------------------------------------------------------------------ A3

    /**
     * A3: subjects whose ids are at their longest, in characters outside ASCII and outside the BMP, get their own
     * stable keys: a contact of 128 characters (the model's limit) and an external participant whose id is an e-mail
     * address of 254 (the engine keys participants too).
     */
    @Test
    void a3_subjectsWithTheLongestIdsGetTheirOwnKeys() {
        SubjectKeys keys = createKeys();
        PartyRef contact = new PartyRef(Party.Kind.CONTACT, Records.longest(run + "-p", 128));
        PartyRef external = new PartyRef(Party.Kind.EXTERNAL, Records.longest(run + "-x", 254));
        String check = "that the subject's id column holds 254 characters (more bytes than characters)";
        byte[][] got = new byte[2][];
        assertThat(Rules.thrown(() -> got[0] = keys.keyOf(contact)))
                .as(broken("A3", "keyOf() refused a contact whose id is at its longest", check))
                .isNull();
        assertThat(Rules.thrown(() -> got[1] = keys.keyOf(external)))
                .as(broken("A3", "keyOf() refused an external participant whose id is at its longest", check))
                .isNull();
        byte[] contactKey = got[0];
        byte[] externalKey = got[1];
        assertThat(keys.existingKey(contact))
                .as(broken("A3", "the key of a contact with the longest id did not come back", check))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(contactKey));
        assertThat(keys.existingKey(external))
                .as(broken("A3", "the key of an external participant with the longest id did not come back", check))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(externalKey));
        assertThat(externalKey)
                .as(broken("A3", "two subjects share a key", "that the key is per kind and id"))
                .isNotEqualTo(contactKey);
    }

    @Test
    void a3_subjectKeysAreStablePerSubjectAndNeverCreatedByALookUp() throws Exception {
        SubjectKeys keys = createKeys();
        PartyRef contact = new PartyRef(Party.Kind.CONTACT, run + "-p");
        PartyRef staffSameId = new PartyRef(Party.Kind.STAFF, run + "-p");
        PartyRef unknown = new PartyRef(Party.Kind.EXTERNAL, run + "-u");
        assertThat(keys.existingKey(unknown))
                .as(broken("A3", "existingKey() returned a key nobody created", "that existingKey never creates"))
                .isEmpty();
        byte[] first = keys.keyOf(contact);
        assertThat(first)
                .as(broken("A3", "a key is not " + SubjectKeys.KEY_BYTES + " bytes", "the key length"))
                .hasSize(SubjectKeys.KEY_BYTES);
        assertThat(keys.keyOf(contact))
                .as(broken("A3", "keyOf() returned another key the second time", "that a key is created once"))
                .isEqualTo(first);
        assertThat(keys.existingKey(contact))
                .as(broken("A3", "existingKey() differs from keyOf()", "the look-up"))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(first));
        assertThat(keys.keyOf(staffSameId))
                .as(broken("A3", "two subjects share a key", "that the key is per kind and id"))
                .isNotEqualTo(first);
        assertThat(keys.existingKey(unknown))
                .as(broken("A3", "existingKey() created a key", "that existingKey never creates"))
                .isEmpty();
        PartyRef raced = new PartyRef(Party.Kind.CONTACT, run + "-race");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return keys.keyOf(raced);
                }));
            }
            go.countDown();
            for (Future<byte[]> f : results) {
                byte[] k = f.get();
                assertThat(k)
                        .as(broken("A3", "concurrent first uses returned different keys", "insert-if-absent"))
                        .isEqualTo(keys.existingKey(raced).orElseThrow());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ A4

    @Test
    void a4_aShreddedKeyIsGoneForGood() {
        SubjectKeys keys = createKeys();
        PartyRef person = new PartyRef(Party.Kind.CONTACT, run + "-s");
        PartyRef bystander = new PartyRef(Party.Kind.CONTACT, run + "-b");
        byte[] old = keys.keyOf(person);
        byte[] kept = keys.keyOf(bystander);
        assertThat(keys.shred(person))
                .as(broken("A4", "shred() of an existing key returned false", "the delete"))
                .isTrue();
        assertThat(keys.existingKey(person))
                .as(broken("A4", "the key is still there after shred()", "that shred deletes the stored key"))
                .isEmpty();
        assertThat(keys.shred(person))
                .as(broken("A4", "a second shred() returned true", "that shred is idempotent"))
                .isFalse();
        assertThat(keys.keyOf(person))
                .as(broken("A4", "keyOf() after shred() brought the old key back", "that a new key is random"))
                .isNotEqualTo(old);
        assertThat(keys.existingKey(bystander))
                .as(broken("A4", "shred() touched another subject's key", "the delete's key"))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(kept));
    }

    // ------------------------------------------------------------------ A6

    /**
     * A6: every key the adapter answers is a key ({@value SubjectKeys#KEY_BYTES} bytes, not all zero) and the caller's
     * own copy, for subjects of every kind with the shortest and the longest ids, from {@code keyOf} (first use, later,
     * after {@code shred}) and {@code existingKey}. The engine refuses any other answer as {@code CORRUPT_DATA}, so a
     * key store that answers one for some subjects only stops their commands (and their audit verification).
     */
    @Test
    void a6_everyKeyIsThirtyTwoBytesAndTheCallersCopy() {
        SubjectKeys keys = createKeys();
        List<PartyRef> subjects = new ArrayList<>();
        for (Party.Kind kind : List.of(Party.Kind.CONTACT, Party.Kind.STAFF)) {
            subjects.add(new PartyRef(kind, run + "-k"));
            subjects.add(new PartyRef(kind, Records.longest(run + "-k", 128)));
        }
        subjects.add(new PartyRef(Party.Kind.EXTERNAL, run + "-k@example.org"));
        subjects.add(new PartyRef(Party.Kind.EXTERNAL, Records.longest(run + "-k", 254)));
        for (PartyRef s : subjects) {
            byte[] first = key(s, "keyOf() on first use", keys.keyOf(s));
            byte[] stored = key(
                    s,
                    "existingKey()",
                    keys.existingKey(s)
                            .orElseThrow(() -> new AssertionError(
                                    broken("A6", "existingKey() after keyOf() is empty", "the look-up"))));
            byte[] kept = first.clone();
            Arrays.fill(first, (byte) 0);
            Arrays.fill(stored, (byte) 0);
            assertThat(key(s, "keyOf() again", keys.keyOf(s)))
                    .as(broken(
                            "A6",
                            "zeroing the arrays keyOf() and existingKey() returned changed the stored key",
                            "that every call returns a new copy of the key, never the array it keeps"))
                    .isEqualTo(kept);
            keys.shred(s);
            key(s, "keyOf() after shred()", keys.keyOf(s));
        }
    }

    /** {@code key} after checking that it is one: 32 bytes, not all zero. */
    private static byte[] key(PartyRef subject, String call, byte[] key) {
        String what = call + " for a " + subject.kind() + " whose id has "
                + subject.id().length() + " characters";
        String check = "that every key is " + SubjectKeys.KEY_BYTES + " bytes from a SecureRandom, stored and read"
                + " back whole (a key column as wide for every kind of subject and length of id)";
        assertThat(key).as(broken("A6", what + " answered null", check)).isNotNull();
        assertThat(key.length)
                .as(broken("A6", what + " answered a key of " + key.length + " bytes", check))
                .isEqualTo(SubjectKeys.KEY_BYTES);
        assertThat(key)
                .as(broken("A6", what + " answered 32 zero bytes (a wiped key)", check))
                .isNotEqualTo(new byte[SubjectKeys.KEY_BYTES]);
        return key;
    }
}
