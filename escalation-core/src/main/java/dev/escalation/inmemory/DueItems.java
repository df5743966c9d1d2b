package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pending items and the completed keys of one escalation in {@link InMemoryDueWork}, and its tenant (of its first
 * item), guarded by this object's monitor. The pending items are one array sorted by (due instant, key), replaced
 * whole on every change (readers may hold an array published before without a lock); its first item is the
 * escalation's one entry in the due-work index (moved with every change, under the monitor).
 */
final class DueItems {

    private static final Due[] NONE = {};

    final EscalationId escalation;
    final CustomerId customer;
    /** Sorted by {@link Due#compareTo}; never changed once published (a change publishes a new array). */
    volatile Due[] pending = NONE;
    /** Keys completed while the escalation exists: such an item is never planned again. */
    Set<String> completed = Set.of();
    /** Set when it left the due work's map: writers then take a new one. */
    boolean removed;

    DueItems(EscalationId escalation, CustomerId customer) {
        this.escalation = escalation;
        this.customer = customer;
    }

    @Nullable
    Due find(String key) {
        for (Due e : pending) {
            if (e.hasKey(key)) {
                return e;
            }
        }
        return null;
    }

    boolean holds(Due e) {
        for (Due p : pending) {
            if (p == e) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code a.equals(b)} of two ids, the same instance first and then their values, without the record's generated
     * {@code equals} (a method-handle call the JIT does not always inline).
     */
    static boolean same(EscalationId a, EscalationId b) {
        return a == b || a.value().equals(b.value());
    }

    /** As {@link #same(EscalationId, EscalationId)}, for tenants. */
    static boolean same(CustomerId a, CustomerId b) {
        return a == b || a.value().equals(b.value());
    }

    /** The bit of wanted item {@code n} in {@link #derivedKeys}' mask (none beyond the 64th: compared by key). */
    static long bit(int n) {
        return n < 64 ? 1L << n : 0;
    }

    /**
     * Which wanted items carry the derived key (bit {@code n} for the {@code n}th): looked at once per item, not once
     * per pending item it is compared with, and two derived keys then compare by their parts, without a string.
     */
    static long derivedKeys(Collection<DueItem> wanted, @Nullable DerivedItems known) {
        long mask = 0;
        int n = 0;
        for (DueItem i : wanted) {
            if (n < 64 && (known != null ? known.derived(i) : DerivedItems.matches(i))) {
                mask |= 1L << n;
            }
            n++;
        }
        return mask;
    }

    /**
     * Whether {@code wanted} holds exactly the keys of {@code pending} (not empty), shown the cheap way: every wanted
     * item carries its derived key ({@code derived}, see {@link #derivedKeys}) and pairs with a distinct pending item
     * of equal parts (escalation, kind, step, due instant) that carries its derived key too, so the two keys are equal.
     * False when it cannot show it (the full comparison then decides). When true, a replace with {@code wanted}
     * changes nothing: every pending item is wanted, every wanted item is pending.
     */
    static boolean sameKeys(Due[] pending, Collection<DueItem> wanted, long derived) {
        int n = pending.length;
        if (n == 0 || n > 64 || wanted.size() != n) {
            return false;
        }
        long used = 0;
        int k = 0;
        int from = 0; // where the previous pair was found, plus one: wanted items often come in the pending order
        for (DueItem i : wanted) {
            if ((derived & bit(k++)) == 0) {
                return false;
            }
            Instant at = i.dueAt();
            long seconds = at.getEpochSecond();
            int nanos = at.getNano();
            int found = -1;
            for (int j = 0, p = from; j < n; j++, p = p + 1 == n ? 0 : p + 1) {
                Due e = pending[p];
                if (e.seconds == seconds
                        && e.nanos == nanos
                        && (used & 1L << p) == 0
                        && e.what.kind() == i.kind()
                        && e.what.step().equals(i.step())
                        && e.ownKey() == null
                        && same(e.escalation(), i.escalation())) {
                    found = p;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            used |= 1L << found;
            from = found + 1 == n ? 0 : found + 1;
        }
        return true;
    }

    /** Whether {@code e}'s key is that of {@code i} ({@code derived}: whether {@code i}'s key is the derived one). */
    static boolean keyOf(Due e, DueItem i, boolean derived) {
        if (derived && e.ownKey() == null) {
            Instant at = i.dueAt();
            return DueKeys.sameDerivedKey(e, i.escalation(), i.kind(), i.step(), at.getEpochSecond(), at.getNano());
        }
        return e.hasKey(i.key());
    }

    /** Whether a wanted item has {@code e}'s key. */
    static boolean wantedHas(Collection<DueItem> wanted, long derived, Due e) {
        int n = 0;
        for (DueItem i : wanted) {
            if (keyOf(e, i, (derived & bit(n++)) != 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the items (the list when made, else the array) hold the key of {@code i}. */
    static boolean isIn(DueItem i, boolean derived, @Nullable List<Due> next, Due[] pending) {
        if (next == null) {
            for (Due e : pending) {
                if (keyOf(e, i, derived)) {
                    return true;
                }
            }
            return false;
        }
        for (Due e : next) {
            if (keyOf(e, i, derived)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One pending item in compact form and its claim: the due instant as seconds and nanos, no key string when the key
     * is the one {@link DueItem#keyOf} derives (compared and ordered by its parts, see {@link DueKeys}), the data in
     * {@link DueData}'s form; {@link #item} rebuilds an equal {@link DueItem}. The claim and the data are guarded by
     * the owner's monitor. The escalation and the tenant are its owner's (a {@link Foreign} item, of another
     * escalation or tenant than its owner's first item, keeps its own).
     */
    static class Due implements Comparable<Due>, DueKeys.Parts {
        /** The kind and the step, one shared instance per pair. */
        final Step what;

        final long seconds;
        final int nanos;
        /**
         * The key when it is not the derived one and the claim, in one field (most items have neither): null, the
         * key, the {@link Claim}, or both as {@link Keyed}.
         */
        private volatile @Nullable Object extra;

        final DueItems owner;
        /** {@link DueData}'s form; replaced in place when erasure rewrites only the data (the index keeps this). */
        volatile Object data;

        /**
         * The compact form of {@code i}, owned by {@code owner}; {@code what} is its kind and step, shared;
         * {@code derived} whether its key is the derived one, null when not known yet.
         */
        static Due of(DueItem i, Step what, Object data, DueItems owner, @Nullable Boolean derived) {
            return same(i.escalation(), owner.escalation) && same(i.customer(), owner.customer)
                    ? new Due(i, what, data, owner, derived)
                    : new Foreign(i, what, data, owner, derived);
        }

        Due(DueItem i, Step what, Object data, DueItems owner, @Nullable Boolean derived) {
            this.owner = owner;
            this.what = what;
            this.seconds = i.dueAt().getEpochSecond();
            this.nanos = i.dueAt().getNano();
            boolean own = derived != null
                    ? derived
                    : DueKeys.matches(i.key(), i.escalation().value(), what.kind(), what.step(), seconds, nanos);
            this.extra = own ? null : i.key();
            this.data = data;
        }

        /** The key when it is not the derived one, else null. */
        @Nullable
        String ownKey() {
            Object x = extra;
            return x instanceof String k ? k : x instanceof Keyed k ? k.key() : null;
        }

        /** The current claim; null while unclaimed. */
        @Nullable
        Claim claim() {
            Object x = extra;
            return x instanceof Claim c ? c : x instanceof Keyed k ? k.claim() : null;
        }

        /** Sets or clears (null) the claim, keeping the key. */
        void claim(@Nullable Claim claim) {
            String key = ownKey();
            extra = claim == null ? key : key == null ? claim : new Keyed(key, claim);
        }

        @Override
        public EscalationId escalation() {
            return owner.escalation;
        }

        CustomerId customer() {
            return owner.customer;
        }

        @Override
        public DueKind kind() {
            return what.kind();
        }

        @Override
        public String step() {
            return what.step();
        }

        @Override
        public long seconds() {
            return seconds;
        }

        @Override
        public int nanos() {
            return nanos;
        }

        String token() {
            Claim claim = claim();
            return claim == null ? "" : claim.token();
        }

        String key() {
            String key = ownKey();
            return key != null ? key : DueKeys.key(this);
        }

        boolean hasKey(String k) {
            String key = ownKey();
            return key != null
                    ? key.equals(k)
                    : DueKeys.matches(k, escalation().value(), what.kind(), what.step(), seconds, nanos);
        }

        Instant dueAt() {
            return Instant.ofEpochSecond(seconds, nanos);
        }

        boolean isAfter(Instant now) {
            return seconds != now.getEpochSecond() ? seconds > now.getEpochSecond() : nanos > now.getNano();
        }

        DueItem item() {
            return new DueItem(key(), escalation(), customer(), what.kind(), what.step(), dueAt(), DueData.map(data));
        }

        @Override
        public int compareTo(Due o) {
            if (seconds != o.seconds) {
                return Long.compare(seconds, o.seconds);
            }
            if (nanos != o.nanos) {
                return Integer.compare(nanos, o.nanos);
            }
            int c = ownKey() == null && o.ownKey() == null
                    ? DueKeys.compareSameInstant(this, o)
                    : key().compareTo(o.key());
            // equal keys of two owners (an item of another escalation): the index keeps both escalations' entries
            return c != 0 || owner == o.owner ? c : owner.escalation.value().compareTo(o.owner.escalation.value());
        }
    }

    /** An item whose escalation or tenant is not its owner's. */
    static final class Foreign extends Due {
        final EscalationId escalation;
        final CustomerId customer;

        Foreign(DueItem i, Step what, Object data, DueItems owner, @Nullable Boolean derived) {
            super(i, what, data, owner, derived);
            this.escalation = i.escalation();
            this.customer = i.customer();
        }

        @Override
        public EscalationId escalation() {
            return escalation;
        }

        @Override
        CustomerId customer() {
            return customer;
        }
    }

    /** A claim of a pending item. */
    record Claim(String token, Instant leaseUntil) {}

    /** The key of an item that is not the derived one, and its claim. */
    private record Keyed(String key, Claim claim) {}

    /** A kind and a step (shared through the store's {@link Interner}: few pairs). */
    record Step(DueKind kind, String step) {
        // written out (a key of the store's interner): a record's generated equals and hashCode run through method
        // handles the JIT does not always inline; the same components compared

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && kind == s.kind && step.equals(s.step);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + step.hashCode();
        }
    }
}
