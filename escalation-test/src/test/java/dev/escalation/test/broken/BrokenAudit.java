package dev.escalation.test.broken;

import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnitOfWork;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The fault-injecting wrappers of the audit trail's in-memory adapters (rules A1 to A5), and their factories. */
final class BrokenAudit {
    private BrokenAudit() {}

    static EscalationStore store(Fault fault) {
        EscalationStore base = new InMemoryEscalationStore();
        if (fault == Fault.KEEPS_OWN_KEYS) {
            return new KeepsOwnKeys(base);
        }
        return fault == Fault.KEEPS_LESS_THAN_DECLARED ? new KeepsLessThanDeclared(base) : base;
    }

    static AuditAnchors anchors(Fault fault) {
        InMemoryAuditAnchors base = new InMemoryAuditAnchors();
        return fault == Fault.ANCHORS_RETURN_FIRST ? new AnchorsReturnFirst(base) : base;
    }

    static SubjectKeys keys(Fault fault) {
        if (fault == Fault.KEYS_IGNORE_KIND) {
            return new KeysIgnoreKind(new InMemorySubjectKeys());
        }
        if (fault == Fault.SHRED_KEEPS_KEY) {
            return new ShredKeepsKey(new InMemorySubjectKeys());
        }
        if (fault == Fault.CUTS_EXTERNAL_KEYS) {
            return new CutsExternalKeys(new InMemorySubjectKeys());
        }
        return new InMemorySubjectKeys();
    }

    /** A1: declares nanoseconds (as the in-memory store does) but keeps entry instants to microseconds only. */
    static final class KeepsLessThanDeclared extends Forwarding.Store {
        KeepsLessThanDeclared(EscalationStore delegate) {
            super(delegate);
        }

        private static List<StoredEntry> micros(List<StoredEntry> entries) {
            List<StoredEntry> out = new ArrayList<>();
            for (StoredEntry e : entries) {
                Map<String, EntryParam> params = new LinkedHashMap<>();
                e.params()
                        .forEach((k, v) -> params.put(
                                k,
                                v instanceof EntryParam.At a
                                        ? new EntryParam.At(a.value().truncatedTo(ChronoUnit.MICROS))
                                        : v));
                out.add(new StoredEntry(
                        e.sequence(),
                        e.at().truncatedTo(ChronoUnit.MICROS),
                        e.kind(),
                        e.actor(),
                        e.visibility(),
                        e.text(),
                        params,
                        e.chain()));
            }
            return out;
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return micros(super.entriesForVendor(id, afterSequence, limit));
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            return micros(super.entriesForCustomer(c, id, afterSequence, limit));
        }
    }

    /**
     * A5: claims to keep whatever subject keys the engine has (SPI v2) but hands its units of work keys of its own, so
     * the engine's keys never see them.
     */
    static final class KeepsOwnKeys extends Forwarding.Store {
        private final SubjectKeys own = new InMemorySubjectKeys();

        KeepsOwnKeys(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public boolean keepsSubjectKeys(SubjectKeys keys) {
            return true;
        }

        @Override
        public void createWithKeys(Function<SubjectKeys, EscalationWrite> write) {
            create(write.apply(own));
        }

        private <R> UnitOfWork<R> withOwnKeys(UnitOfWork<R> work) {
            return current -> work.decide(current, own);
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return super.changeForCustomer(customer, id, withOwnKeys(work));
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return super.changeForVendor(id, withOwnKeys(work));
        }
    }

    /** A2: latest() returns the first anchor recorded, not the last. */
    static final class AnchorsReturnFirst implements AuditAnchors {
        private final Map<EscalationId, Anchor> first = new ConcurrentHashMap<>();
        private final AuditAnchors delegate;

        AnchorsReturnFirst(AuditAnchors delegate) {
            this.delegate = delegate;
        }

        @Override
        public void record(Anchor anchor) {
            first.putIfAbsent(anchor.escalation(), anchor);
            delegate.record(anchor);
        }

        @Override
        public Optional<Anchor> latest(EscalationId escalation) {
            return Optional.ofNullable(first.get(escalation));
        }
    }

    /** A3: keys are stored by id alone, so a contact and a staff member with the same id share one. */
    static final class KeysIgnoreKind implements SubjectKeys {
        private final SubjectKeys delegate;

        KeysIgnoreKind(SubjectKeys delegate) {
            this.delegate = delegate;
        }

        private static PartyRef byId(PartyRef subject) {
            return new PartyRef(Party.Kind.CONTACT, subject.id());
        }

        @Override
        public byte[] keyOf(PartyRef subject) {
            return delegate.keyOf(byId(subject));
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return delegate.existingKey(byId(subject));
        }

        @Override
        public boolean shred(PartyRef subject) {
            return delegate.shred(byId(subject));
        }
    }

    /** A4: shred() reports success but a cache keeps serving the old key. */
    static final class ShredKeepsKey implements SubjectKeys {
        private final SubjectKeys delegate;
        private final Map<PartyRef, byte[]> cache = new ConcurrentHashMap<>();

        ShredKeepsKey(SubjectKeys delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] keyOf(PartyRef subject) {
            return cache.computeIfAbsent(subject, delegate::keyOf).clone();
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            byte[] cached = cache.get(subject);
            return cached != null ? Optional.of(cached.clone()) : delegate.existingKey(subject);
        }

        @Override
        public boolean shred(PartyRef subject) {
            return delegate.shred(subject);
        }
    }

    /**
     * A6: the keys of external participants (kind {@code EXTERNAL}) come back one byte short, as from a key column
     * too narrow for them; every other subject's key is whole. Stable, per subject, distinct: A3 and A4 pass.
     */
    static final class CutsExternalKeys implements SubjectKeys {
        private final SubjectKeys delegate;

        CutsExternalKeys(SubjectKeys delegate) {
            this.delegate = delegate;
        }

        private static byte[] cut(PartyRef subject, byte[] key) {
            return subject.kind() == Party.Kind.EXTERNAL ? java.util.Arrays.copyOf(key, key.length - 1) : key;
        }

        @Override
        public byte[] keyOf(PartyRef subject) {
            return cut(subject, delegate.keyOf(subject));
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return delegate.existingKey(subject).map(k -> cut(subject, k));
        }

        @Override
        public boolean shred(PartyRef subject) {
            return delegate.shred(subject);
        }
    }
}
