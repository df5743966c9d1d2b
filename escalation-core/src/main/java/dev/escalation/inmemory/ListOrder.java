package dev.escalation.inmemory;

import java.time.Instant;

/**
 * The ordering key of the {@link Listings}' indexes: (raisedAt, id). One instance per escalation, held by its
 * {@link Slot} and by every index it is in.
 */
record ListOrder(Instant at, String id) implements Comparable<ListOrder> {
    @Override
    public int compareTo(ListOrder o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : id.compareTo(o.id);
    }
}
