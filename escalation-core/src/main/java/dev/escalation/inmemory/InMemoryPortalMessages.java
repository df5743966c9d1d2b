package dev.escalation.inmemory;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link PortalMessages} in memory: one index per recipient, newest first by ({@code at}, {@code id}), and one of
 * message ids per escalation (for {@link #eraseEscalations}). Idempotent on the message id. Thread-safe.
 */
public final class InMemoryPortalMessages implements PortalMessages {

    /** Newest first: descending by instant, then by id. */
    private static final Comparator<PortalMessage> NEWEST_FIRST = Comparator.comparing(PortalMessage::at)
            .thenComparing(PortalMessage::id)
            .reversed();

    private final Object lock = new Object();
    private final Map<String, PortalMessage> byId = new HashMap<>();
    private final Map<PartyRef, NavigableSet<PortalMessage>> byRecipient = new HashMap<>();
    private final Map<EscalationId, Set<String>> byEscalation = new HashMap<>();

    /** Creates an empty store. */
    public InMemoryPortalMessages() {}

    @Override
    public boolean store(PortalMessage message) {
        requireNonNull(message, "message");
        synchronized (lock) {
            if (byId.putIfAbsent(message.id(), message) != null) {
                return false;
            }
            byRecipient
                    .computeIfAbsent(message.recipient(), r -> new TreeSet<>(NEWEST_FIRST))
                    .add(message);
            byEscalation
                    .computeIfAbsent(message.escalation(), e -> new HashSet<>())
                    .add(message.id());
            return true;
        }
    }

    @Override
    public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
        requireNonNull(recipient, "recipient");
        requireNonNull(page, "page");
        synchronized (lock) {
            NavigableSet<PortalMessage> all = byRecipient.get(recipient);
            if (all == null) {
                return Page.empty();
            }
            List<PortalMessage> items = new ArrayList<>(Math.min(page.size(), all.size()));
            boolean more = false;
            for (PortalMessage m : all) {
                if (page.after().isPresent() && !isAfter(m, page.after().get())) {
                    continue;
                }
                if (items.size() == page.size()) {
                    more = true;
                    break;
                }
                items.add(m);
            }
            Optional<PageCursor> next = more
                    ? Optional.of(new PageCursor(
                            items.get(items.size() - 1).at(),
                            items.get(items.size() - 1).id()))
                    : Optional.empty();
            return new Page<>(items, next);
        }
    }

    @Override
    public int eraseRecipient(PartyRef recipient) {
        requireNonNull(recipient, "recipient");
        synchronized (lock) {
            NavigableSet<PortalMessage> all = byRecipient.remove(recipient);
            if (all == null) {
                return 0;
            }
            for (PortalMessage m : all) {
                byId.remove(m.id());
                unindex(m);
            }
            return all.size();
        }
    }

    /** Removes the messages through the escalations' index: the work is that of the messages removed. */
    @Override
    public int eraseEscalations(Set<EscalationId> escalations) {
        requireNonNull(escalations, "escalations");
        int removed = 0;
        synchronized (lock) {
            for (EscalationId escalation : escalations) {
                Set<String> ids = byEscalation.remove(requireNonNull(escalation, "escalation"));
                if (ids == null) {
                    continue;
                }
                for (String id : ids) {
                    PortalMessage m = byId.remove(id);
                    NavigableSet<PortalMessage> inbox = byRecipient.get(m.recipient());
                    inbox.remove(m);
                    if (inbox.isEmpty()) {
                        byRecipient.remove(m.recipient());
                    }
                    removed++;
                }
            }
        }
        return removed;
    }

    private void unindex(PortalMessage m) {
        Set<String> ids = byEscalation.get(m.escalation());
        ids.remove(m.id());
        if (ids.isEmpty()) {
            byEscalation.remove(m.escalation());
        }
    }

    /** Whether {@code m} comes after the cursor in newest-first order. */
    private static boolean isAfter(PortalMessage m, PageCursor cursor) {
        int c = m.at().compareTo(cursor.at());
        return c < 0 || (c == 0 && m.id().compareTo(cursor.id()) < 0);
    }
}
