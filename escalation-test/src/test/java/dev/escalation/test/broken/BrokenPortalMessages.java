package dev.escalation.test.broken;

import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.EntryParam;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The fault-injecting wrappers of {@link InMemoryPortalMessages} (rules M1 to M6), one class per {@link Fault}. */
final class BrokenPortalMessages {
    private BrokenPortalMessages() {}

    /** The in-memory port, wrapped in the fault's wrapper (unwrapped for other faults). */
    static PortalMessages of(Fault fault) {
        InMemoryPortalMessages base = new InMemoryPortalMessages();
        if (fault == null) {
            return new Forwarding(base);
        }
        return switch (fault) {
            case DROPS_MESSAGE_PARAMS -> new DropsMessageParams(base);
            case OVERWRITES_REPEATED_KEYS -> new OverwritesRepeatedKeys(base);
            case MIXES_RECIPIENT_KINDS -> new MixesRecipientKinds(base);
            case PAGES_MESSAGES_BY_INSTANT_ONLY -> new PagesMessagesByInstantOnly(base);
            case ERASES_ACROSS_KINDS -> new ErasesAcrossKinds(base);
            case CYCLES_PAGES_AFTER_STORE -> new CyclesPagesAfterStore(base);
            case ERASES_FIRST_ESCALATION_ONLY -> new ErasesFirstEscalationOnly(base);
            default -> new Forwarding(base);
        };
    }

    /** Forwards everything. */
    static class Forwarding implements PortalMessages {
        final PortalMessages delegate;

        Forwarding(PortalMessages delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean store(PortalMessage message) {
            return delegate.store(message);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            return delegate.messagesFor(recipient, page);
        }

        @Override
        public int eraseRecipient(PartyRef recipient) {
            return delegate.eraseRecipient(recipient);
        }

        @Override
        public int eraseEscalations(java.util.Set<dev.escalation.model.EscalationId> escalations) {
            return delegate.eraseEscalations(escalations);
        }
    }

    /** Reads messages without their Span and Count parameters (a mapper that knows only the text-like variants). */
    static final class DropsMessageParams extends Forwarding {
        DropsMessageParams(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            return super.messagesFor(recipient, page).map(m -> {
                Map<String, EntryParam> kept = new LinkedHashMap<>(m.params());
                kept.values().removeIf(p -> p instanceof EntryParam.Span || p instanceof EntryParam.Count);
                return new PortalMessage(
                        m.id(),
                        m.recipient(),
                        m.customer(),
                        m.escalation(),
                        m.caseId(),
                        m.kind(),
                        m.at(),
                        m.locale(),
                        m.subject(),
                        m.body(),
                        kept,
                        m.text());
            });
        }
    }

    /** A repeated id replaces the stored message's content (an upsert) and reports it as stored. */
    static final class OverwritesRepeatedKeys extends Forwarding {
        private final Map<String, PortalMessage> latest = new ConcurrentHashMap<>();

        OverwritesRepeatedKeys(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public boolean store(PortalMessage message) {
            latest.put(message.id(), message);
            super.store(message);
            return true;
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            return super.messagesFor(recipient, page).map(m -> latest.getOrDefault(m.id(), m));
        }
    }

    /** Lists the messages of every recipient kind with the recipient's id (a query by id only). */
    static final class MixesRecipientKinds extends Forwarding {
        MixesRecipientKinds(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            List<PortalMessage> all = new ArrayList<>();
            for (Party.Kind kind : Party.Kind.values()) {
                PageRequest more = new PageRequest(page.after(), Math.min(page.size() + 1, PageRequest.MAX_SIZE));
                all.addAll(super.messagesFor(new PartyRef(kind, recipient.id()), more)
                        .items());
            }
            all.sort(Comparator.comparing(PortalMessage::at)
                    .thenComparing(PortalMessage::id)
                    .reversed());
            List<PortalMessage> items = all.subList(0, Math.min(page.size(), all.size()));
            Optional<PageCursor> next = all.size() > page.size()
                    ? Optional.of(new PageCursor(
                            items.get(items.size() - 1).at(),
                            items.get(items.size() - 1).id()))
                    : Optional.empty();
            return new Page<>(items, next);
        }
    }

    /** The next page starts after the cursor's instant, skipping messages that tie with it. */
    static final class PagesMessagesByInstantOnly extends Forwarding {
        PagesMessagesByInstantOnly(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            PageRequest byInstant = page.after()
                    .map(c -> PageRequest.after(new PageCursor(c.at(), ""), page.size()))
                    .orElse(page);
            return super.messagesFor(recipient, byInstant);
        }
    }

    /**
     * Caches each recipient's cursors and never invalidates the cache on a store: once a message arrived for a recipient
     * whose list was read, a page that names a next one names the cursor it was asked for, so the pages cycle.
     */
    static final class CyclesPagesAfterStore extends Forwarding {
        private final java.util.Set<PartyRef> read = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.Set<PartyRef> storedTo = java.util.concurrent.ConcurrentHashMap.newKeySet();

        CyclesPagesAfterStore(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public boolean store(PortalMessage message) {
            if (read.contains(message.recipient())) {
                storedTo.add(message.recipient());
            }
            return super.store(message);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            read.add(recipient);
            Page<PortalMessage> p = super.messagesFor(recipient, page);
            if (page.after().isPresent() && p.next().isPresent() && storedTo.contains(recipient)) {
                return new Page<>(p.items(), page.after());
            }
            return p;
        }
    }

    /** Erases the messages of every recipient kind with the recipient's id (a delete by id only). */
    static final class ErasesAcrossKinds extends Forwarding {
        ErasesAcrossKinds(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public int eraseRecipient(PartyRef recipient) {
            int erased = 0;
            for (Party.Kind kind : Party.Kind.values()) {
                erased += super.eraseRecipient(new PartyRef(kind, recipient.id()));
            }
            return erased;
        }
    }

    /** Removes the messages of the first escalation it is given only (a loop that returns after one delete). */
    static final class ErasesFirstEscalationOnly extends Forwarding {
        ErasesFirstEscalationOnly(PortalMessages delegate) {
            super(delegate);
        }

        @Override
        public int eraseEscalations(java.util.Set<dev.escalation.model.EscalationId> escalations) {
            for (dev.escalation.model.EscalationId e : escalations) {
                return super.eraseEscalations(java.util.Set.of(e));
            }
            return 0;
        }
    }
}
