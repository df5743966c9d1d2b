package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationReceipt;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.util.WebUtils;

/**
 * The receipts of recent "Escalate Case" submissions, so that the page after the redirect (POST-redirect-GET) can
 * show the receipt with its hotline advice. The engine returns the receipt only from {@code escalate}, so the portal
 * keeps it in the HTTP session of the person who submitted ({@link #of}): one book per session, so that nobody's
 * submissions push another person's receipts out. Bounded: the oldest receipts of the session are forgotten first.
 */
final class ReceiptBook {
    /** How many receipts one session keeps. */
    static final int PER_SESSION = 100;

    private static final String SESSION_KEY = ReceiptBook.class.getName();
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

    /** The session's book, created with the first receipt. */
    static ReceiptBook of(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            if (session.getAttribute(SESSION_KEY) instanceof ReceiptBook book) {
                return book;
            }
            ReceiptBook book = new ReceiptBook(PER_SESSION);
            session.setAttribute(SESSION_KEY, book);
            return book;
        }
    }

    synchronized void put(Actor actor, String submission, EscalationReceipt receipt) {
        receipts.put(actor.kind() + ":" + actor.id() + "/" + submission, receipt);
    }

    /** Only the actor who submitted sees the receipt (a session outlives a sign-in as another person). */
    synchronized Optional<EscalationReceipt> get(Actor actor, String submission) {
        return Optional.ofNullable(receipts.get(actor.kind() + ":" + actor.id() + "/" + submission));
    }
}
