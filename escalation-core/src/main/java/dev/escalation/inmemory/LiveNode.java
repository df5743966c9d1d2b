package dev.escalation.inmemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A node of a {@link Lane}, one of the lists of the {@link LiveIndex} (an {@link OutboxEntry} is one): linked through
 * the nodes themselves, by sequence. {@code next} is volatile and kept when a node is unlinked, so a walker standing
 * on an unlinked node goes on to the nodes that followed it; {@code prev} is read only under the lane's monitor.
 */
abstract class LiveNode {
    private static final VarHandle NEXT;
    private static final VarHandle LINKED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(LiveNode.class, "next", LiveNode.class);
            LINKED = lookup.findVarHandle(LiveNode.class, "linked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The order of the index (unique per node). */
    final long sequence;
    /** The lane the node is linked in while it is held. */
    final Lane home;
    /** The next node of {@link #home} by sequence (kept when unlinked: walkers go on from it). */
    volatile @Nullable LiveNode next;
    /** The previous linked node of {@link #home} while linked (under the lane's monitor). */
    @Nullable
    LiveNode prev;
    /** Whether it is linked in {@link #home}: set when added, cleared when removed (under the lane's monitor). */
    volatile boolean linked;

    LiveNode(long sequence, Lane home) {
        this.sequence = sequence;
        this.home = home;
    }

    /** One list of nodes by sequence; its monitor guards linking and unlinking. */
    static final class Lane {
        /** The first linked entry (volatile: walkers start here without the monitor). */
        private volatile @Nullable LiveNode first;
        /** The last linked entry (under the monitor). */
        private @Nullable LiveNode last;
        /** Linked entries (under the monitor). */
        private int size;

        /** Links {@code n} entries of ascending sequence, each not linked yet; one hold of the monitor. */
        synchronized void addAll(LiveNode[] entries, int n) {
            for (int i = 0; i < n; i++) {
                link(entries[i]);
            }
        }

        private void link(LiveNode e) {
            LiveNode p = last;
            while (p != null && p.sequence > e.sequence) {
                p = p.prev; // queued by another thread sharing the lane, in a later block: a few places back
            }
            LiveNode n = p == null ? first : p.next;
            e.prev = p;
            // plain stores: no other thread reads them before the volatile write below publishes the node
            NEXT.set(e, n);
            if (n == null) {
                last = e;
            } else {
                n.prev = e;
            }
            LINKED.set(e, true);
            if (p == null) {
                first = e;
            } else {
                p.next = e;
            }
            size++;
        }

        /** Unlinks {@code e} if it is linked (in this lane); its {@code next} stays for walkers standing on it. */
        synchronized void remove(LiveNode e) {
            unlink(e);
        }

        /**
         * Unlinks entries {@code from} to {@code to} (exclusive) of {@code entries} that live in this lane, stopping at
         * the first of another lane; returns the index of that one ({@code to} if none).
         */
        synchronized int removeRun(LiveNode[] entries, int from, int to) {
            int i = from;
            while (i < to && entries[i].home == this) {
                unlink(entries[i++]);
            }
            return i;
        }

        private void unlink(LiveNode e) {
            if (!e.linked) {
                return; // removed before (a delivered entry, then its escalation dropped)
            }
            LiveNode p = e.prev;
            LiveNode n = e.next;
            if (p == null) {
                first = n;
            } else {
                p.next = n;
            }
            if (n == null) {
                last = p;
            } else {
                n.prev = p;
            }
            e.linked = false;
            e.prev = null; // only linked entries' prev is read
            size--;
        }

        synchronized int size() {
            return size;
        }

        boolean isEmpty() {
            return first == null;
        }

        /** The first linked node, or null (volatile: walkers start here without the monitor). */
        @Nullable
        LiveNode first() {
            return first;
        }
    }
}
