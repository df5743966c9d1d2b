package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationReceipt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The receipts of recent "Escalate Case" submissions, so that the page after the redirect (POST-redirect-GET) can
 * show the receipt with its hotline advice. The engine returns the receipt only from {@code escalate}; a host with
 * sessions would keep it in the session. Bounded: the oldest receipts are forgotten first.
 */
final class ReceiptBook {
    private final Map<String, EscalationReceipt> receipts;

    ReceiptBook(int capacity) {
        this.receipts = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EscalationReceipt> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(Actor actor, String submission, EscalationReceipt receipt) {
        receipts.put(actor.kind() + ":" + actor.id() + "/" + submission, receipt);
    }

    /** Only the actor who submitted sees the receipt. */
    synchronized Optional<EscalationReceipt> get(Actor actor, String submission) {
        return Optional.ofNullable(receipts.get(actor.kind() + ":" + actor.id() + "/" + submission));
    }
}
