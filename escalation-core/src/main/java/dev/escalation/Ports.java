package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.UnavailableException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every class that calls a port shares: the engine's logger, the translation of a port's unavailability into
 * the engine's retryable error, and the escalation id in the logging context. Depends on no other engine class, so
 * the workflow, the directory look-ups, delivery and due work all use it without depending on each other.
 */
final class Ports {
    /** The engine's one logger, named after {@link EscalationEngine} (hosts configure that name). */
    static final Logger LOG = LoggerFactory.getLogger("dev.escalation.EscalationEngine");

    static final String MDC_KEY = "escalationId";

    private Ports() {}

    /**
     * Calls a store or directory, or engine code that asks a calendar (whose failing holiday source is unavailable
     * too); its unavailability becomes the engine's retryable error, and so does a {@code null} answer (ports never
     * answer {@code null}: SPI's null-marked contract), which is never taken for an answer.
     */
    static <T> T call(Supplier<T> port) {
        T answer;
        try {
            answer = port.get();
        } catch (UnavailableException e) {
            throw new EscalationUnavailableException(
                    "a backend is unavailable; nothing was changed, try again later", e);
        }
        if (answer == null) {
            throw new EscalationUnavailableException("a backend answered null; try again later", null);
        }
        return answer;
    }

    /** Runs {@code r} with the escalation's id in the logging context ({@value #MDC_KEY}). */
    static void withMdc(EscalationId id, Runnable r) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id.value());
        try {
            r.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
