package dev.escalation;

import dev.escalation.calendar.NoHolidayDataException;
import dev.escalation.calendar.NoOpeningException;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.UnavailableException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
     * Calls a store, a directory or another port; its unavailability becomes the engine's retryable error, and so does
     * a {@code null} answer (ports never answer {@code null}: SPI's null-marked contract), which is never taken for an
     * answer.
     *
     * <p>So does a failure the port's contract does not name: anything but {@link UnavailableException}, the SPI's
     * typed answers ({@link StaleVersionException}, {@link OpenEscalationExistsException}, {@link
     * SubmissionExistsException}), {@link UnsupportedOperationException} (a facet the store does not offer), the
     * engine's own errors ({@link EscalationException}) and its control flow ({@link Signal}) — an adapter's
     * {@code IllegalStateException}, a driver's {@code RuntimeException}, a {@code NullPointerException} — is reported
     * as {@code UNAVAILABLE} with the failure as its cause, and logged by its type only (its message may carry personal
     * data). The engine applied nothing; what a port that broke its contract did, it alone knows. So is a checked
     * exception a port throws sneakily and an {@link Error} other than a {@linkplain #fatal fatal} one (which passes
     * unchanged); an {@link InterruptedException} sets the thread's interrupt flag again. A calendar built from a
     * port's data that never opens ({@link NoOpeningException}) is such an unusable answer too. Stored data the port
     * cannot read back ({@link StoredDataException}) is {@code CORRUPT_DATA}, not retryable.
     */
    static <T> T call(Supplier<T> port) {
        return call(port, e -> false);
    }

    /**
     * {@link #call(Supplier)}, letting through what {@code named} accepts too: a failure the port's contract names for
     * this call (a change feed's {@code IllegalArgumentException} for a cursor it did not issue), or what the engine's
     * own code threw inside the port's callback ({@link Inside#threw}).
     */
    static <T> T call(Supplier<T> port, Predicate<RuntimeException> named) {
        T answer;
        try {
            answer = port.get();
        } catch (UnavailableException e) {
            throw unavailable(e);
        } catch (StoredDataException e) {
            throw corrupt(e);
        } catch (EscalationException
                | Signal
                | StaleVersionException
                | OpenEscalationExistsException
                | SubmissionExistsException
                | UnsupportedOperationException e) {
            throw e;
        } catch (NoOpeningException e) {
            throw noOpening(e);
        } catch (NoHolidayDataException e) {
            throw noHolidayData();
        } catch (RuntimeException e) {
            if (named.test(e)) {
                throw e;
            }
            throw untyped(e);
        } catch (Throwable e) { // a checked exception thrown sneakily, an Error
            throw untyped(e);
        }
        return nonNull(answer);
    }

    /** A port's failure its contract does not name, as {@code UNAVAILABLE}; a fatal error is rethrown as it is. */
    private static EscalationUnavailableException untyped(Throwable e) {
        if (fatal(e)) {
            throw (Error) e;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        LOG.warn(
                "a port failed with {}, which its contract does not name: reported as UNAVAILABLE",
                e.getClass().getName());
        return new EscalationUnavailableException(
                "a backend failed (" + e.getClass().getName() + "); try again later", e);
    }

    /**
     * Whether {@code e} is an error of the JVM that no caller can recover from ({@link VirtualMachineError} such as
     * {@link OutOfMemoryError}): it passes unchanged. A {@link StackOverflowError} is not: it is an adapter's bug on
     * one input (a recursion), failing that call only.
     */
    static boolean fatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }

    /**
     * Runs engine code that asks ports or calendars outside a store transaction (planning, a view's actions, the
     * hotline decision): a port's unavailability inside it, a calendar that never opens ({@link NoOpeningException})
     * and a {@code null} result are {@code UNAVAILABLE}; anything else the code throws is the engine's and passes
     * unchanged (the ports it calls go through {@link #call(Supplier)} themselves).
     */
    static <T> T compute(Supplier<T> engineCode) {
        T answer;
        try {
            answer = engineCode.get();
        } catch (UnavailableException e) {
            throw unavailable(e);
        } catch (NoOpeningException e) {
            throw noOpening(e);
        } catch (NoHolidayDataException e) {
            throw noHolidayData();
        }
        return nonNull(answer);
    }

    private static EscalationUnavailableException unavailable(UnavailableException e) {
        return new EscalationUnavailableException("a backend is unavailable; nothing was changed, try again later", e);
    }

    /** Stored data the port cannot read back: not retryable; logged by the port's words (no stored value). */
    static CorruptDataException corrupt(StoredDataException e) {
        LOG.warn("store fault: stored data cannot be read back ({}); reported as CORRUPT_DATA", e.getMessage());
        return new CorruptDataException(
                "the store holds data the engine cannot read back (" + e.getMessage()
                        + "); nothing was changed, and trying again will not help",
                e);
    }

    private static EscalationUnavailableException noOpening(NoOpeningException e) {
        return new EscalationUnavailableException(
                "a business calendar never opens (" + e.getMessage() + "); nothing was changed", e);
    }

    /**
     * A calendar whose holiday source has no data for a date the computation needs ({@link NoHolidayDataException},
     * such as Jollyday's Islamic holidays after 2174): asking again gives the same answer, so it is no outage but the
     * non-retryable {@code calendar.HolidayData}.
     */
    static InvalidCommandException noHolidayData() {
        return InvalidCommandException.of(
                "calendar",
                "HolidayData",
                "a business calendar's holiday data do not cover a date this needs (a year outside their range)");
    }

    private static <T> T nonNull(@Nullable T answer) {
        if (answer == null) {
            throw new EscalationUnavailableException("a backend answered null; try again later", null);
        }
        return answer;
    }

    /**
     * What the engine's own code threw inside a port's callback (a unit of work's {@code decide}), so that {@link
     * #call(Supplier, Predicate)} lets it through unchanged: an engine error is not the port's failure. One per call.
     * A calendar that never opens is not recorded: it is the unusable answer of the port whose data built it.
     */
    static final class Inside {
        private @Nullable RuntimeException thrown;

        /** Runs the engine's code inside the port, recording what it throws. */
        <T> T run(Supplier<T> engineCode) {
            try {
                return engineCode.get();
            } catch (NoOpeningException e) {
                throw e;
            } catch (NoHolidayDataException e) {
                thrown = noHolidayData();
                throw thrown;
            } catch (RuntimeException e) {
                thrown = e;
                throw e;
            }
        }

        /** Whether {@code e} is what the engine's code threw inside the port. */
        boolean threw(RuntimeException e) {
            return e == thrown;
        }

        /**
         * {@link #threw}, or the store's refusal of the write the engine decided ({@link IllegalArgumentException}, as
         * the SPI names it for a write that does not follow the stored version or an id that exists): an engine error,
         * reported as it is.
         */
        boolean threwOrRefused(RuntimeException e) {
            return threw(e) || refusedWrite(e);
        }
    }

    /**
     * Whether {@code e} is a store's refusal of a write the engine decided ({@link IllegalArgumentException}, as the
     * SPI names it for {@code create} and the units of work): an engine error, let through as it is.
     */
    static boolean refusedWrite(RuntimeException e) {
        return e instanceof IllegalArgumentException;
    }

    /**
     * The engine's control flow through a port: thrown by the engine's own code inside a unit of work (data to read
     * before it runs again) and caught by the engine, never reported as a port's failure. Carries no stack trace.
     */
    abstract static class Signal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Signal(String message) {
            super(message, null, false, false);
        }
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
