package dev.escalation;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.calendar.Interval;
import dev.escalation.internal.validation.SafeIdValidator;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.PortalMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks of the engine's method arguments other than commands (which Jakarta Validation checks): nulls, ids, limits,
 * pages, actors and free texts passed directly. Each refusal is an {@link InvalidCommandException} naming the field
 * and the rule ({@code NotNull}, {@code Id}, {@code Range}, {@code Cursor}, {@code Size}, {@code Text},
 * {@code NotBlank}); a value given is never part of the message (except in {@link #why}).
 */
final class Inputs {
    /** How far ahead a meeting or session may be planned: two years. */
    static final Duration HORIZON = Duration.ofDays(731);

    /** The longest change-feed cursor the engine passes to a store. */
    static final int CURSOR_MAX = 512;

    private Inputs() {}

    /** A command must be given; its content is validated by {@link CommandValidator}. */
    static <T> T command(@Nullable T command) {
        return notNull(command, "command");
    }

    static <T> T notNull(@Nullable T value, String field) {
        if (value == null) {
            throw invalid(field, "NotNull", "must not be null");
        }
        return value;
    }

    /** A typed or string id: not null, not blank in Unicode terms, at most 128 characters, no control characters. */
    static <T> T id(@Nullable T id, String field) {
        notNull(id, field);
        String text = SafeIdValidator.textOf(id);
        if (text == null) {
            throw new IllegalStateException("not an id type: " + id.getClass().getName());
        }
        String problem = TextRules.idProblem(text, TextRules.ID_MAX);
        if (problem != null) {
            throw invalid(field, "Id", problem);
        }
        return id;
    }

    /**
     * An external stakeholder's id, their e-mail address as a participant: 1 to 254 characters (the most
     * {@code AddParticipant.email} takes), one line, no control characters or unpaired surrogates. Every problem is
     * the one rule {@code Address} (code {@code <field>.Address}). Unbalanced bidirectional controls are no problem
     * here: the address only finds a person, who may have been added before {@code AddParticipant} refused them.
     */
    static String address(@Nullable String address, String field) {
        String problem = address == null ? TextRules.BLANK : TextRules.textProblem(address, ADDRESS_MAX, true, true);
        // the bidi rule comes after the others but blank, and a text with bidi controls is not blank: none is missed
        if (problem != null && !problem.equals(TextRules.BIDI)) {
            throw invalid(field, "Address", problem);
        }
        return address;
    }

    /** The longest e-mail address a participant is added with. */
    static final int ADDRESS_MAX = 254;

    /**
     * An actor however built: a kind and a valid id. Checked before any port is called.
     *
     * @return the actor
     */
    static Actor actor(@Nullable Actor actor) {
        notNull(actor, "actor");
        notNull(actor.kind(), "actor.kind");
        id(actor.id(), "actor.id");
        return actor;
    }

    /** A page request; its cursor's id must be a valid id (a store never issues another). */
    static PageRequest page(@Nullable PageRequest page) {
        return page(page, TextRules.ID_MAX);
    }

    /**
     * A page request of the portal inbox: its cursor names a portal message, whose id is its notification's key, up
     * to {@value PortalMessage#MAX_ID_LENGTH} characters (longer than an id when the escalation's id is long).
     */
    static PageRequest portalPage(@Nullable PageRequest page) {
        return page(page, PortalMessage.MAX_ID_LENGTH);
    }

    private static PageRequest page(@Nullable PageRequest page, int maxCursorId) {
        notNull(page, "page");
        page.after().ifPresent(c -> {
            String problem = TextRules.idProblem(c.id(), maxCursorId);
            if (problem != null) {
                throw invalid("page", "Cursor", "is not a cursor this engine issued");
            }
        });
        return page;
    }

    /** A limit between 1 and {@link PageRequest#MAX_SIZE}. */
    static int limit(int limit, String field) {
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw invalid(field, "Range", "must be between 1 and " + PageRequest.MAX_SIZE);
        }
        return limit;
    }

    /** A set of values, neither null nor holding null. */
    static <T> Set<T> set(@Nullable Set<T> set, String field) {
        notNull(set, field);
        for (Object o : set.toArray()) {
            if (o == null) {
                throw invalid(field, "NotNull", "must not contain null");
            }
        }
        return set;
    }

    /** A customer's list query: not null; its case id a valid id. */
    static CustomerQuery customerQuery(@Nullable CustomerQuery query) {
        notNull(query, "query");
        query.caseId().ifPresent(c -> id(c, "query.caseId"));
        return query;
    }

    /** A desk query: not null; at most {@link DeskQuery#MAX_CUSTOMERS} customers; every id in it a valid id. */
    static DeskQuery deskQuery(@Nullable DeskQuery query) {
        notNull(query, "query");
        if (query.customers().size() > DeskQuery.MAX_CUSTOMERS) {
            throw invalid("query.customers", "Size", "must be at most " + DeskQuery.MAX_CUSTOMERS);
        }
        query.customers().forEach(c -> id(c, "query.customers"));
        query.manager().ifPresent(m -> id(m, "query.manager"));
        query.caseId().ifPresent(c -> id(c, "query.caseId"));
        return query;
    }

    /** A change-feed cursor: not null, at most {@value #CURSOR_MAX} characters, no control characters. */
    static String cursor(@Nullable String cursor) {
        if (cursor == null) {
            throw invalid("cursor", "NotNull", "must not be null; start with ChangeFeed.START");
        }
        if (cursor.length() > CURSOR_MAX
                || TextRules.hasControl(cursor, false)
                || TextRules.hasUnpairedSurrogate(cursor)) {
            throw invalid("cursor", "Cursor", "was not issued by this store's change feed");
        }
        return cursor;
    }

    /** A required free text passed directly (not in a command), under the rules of {@code SafeText}. */
    static String text(@Nullable String text, String field, int max) {
        String problem = text == null ? TextRules.BLANK : TextRules.textProblem(text, max, true);
        if (problem != null) {
            throw invalid(field, TextRules.textRule(problem), problem);
        }
        return text;
    }

    /** The background worker's pause: at least 10 ms, at most one day. */
    static Duration interval(@Nullable Duration interval) {
        notNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw invalid("interval", "Range", "must be between 10 ms and 1 day");
        }
        return interval;
    }

    /** A violation if {@code at} lies more than {@link #HORIZON} after {@code now}, else {@code null}. */
    static @Nullable Violation beyondHorizon(@Nullable Instant at, Instant now, String field) {
        return at != null && at.isAfter(now.plus(HORIZON))
                ? Violation.of(field, "Range", "must be at most two years ahead")
                : null;
    }

    /** The earliest instant a hypothetical escalation may be raised at. */
    static final Instant WHAT_IF_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant after the latest one a hypothetical escalation or its pauses may reach. */
    static final Instant WHAT_IF_LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** How far after its raise a hypothetical escalation's pauses may end: {@link SlaPolicy#MAX_TARGET_WEEKS} weeks. */
    static final Duration WHAT_IF_PAUSE_REACH = Duration.ofDays(7L * SlaPolicy.MAX_TARGET_WEEKS);
    /** The most pauses of a hypothetical escalation. */
    static final int WHAT_IF_PAUSES = 100;
    /** The most opening windows of a hypothetical customer calendar (building one checks each against its day's). */
    static final int WHAT_IF_WINDOWS = 100;

    /**
     * A what-if hypothesis: raised and paused between 2000 and 2200, at most 100 pauses with safe reasons, each ending
     * within {@link SlaPolicy#MAX_TARGET_WEEKS} weeks of the raise, a customer calendar of at most 100 opening windows.
     */
    static WhatIf whatIf(@Nullable WhatIf whatIf) {
        notNull(whatIf, "whatIf");
        if (whatIf.raisedAt().isBefore(WHAT_IF_EARLIEST) || !whatIf.raisedAt().isBefore(WHAT_IF_LATEST)) {
            throw invalid("whatIf.raisedAt", "Range", "must be between 2000 and 2199");
        }
        if (whatIf.pauses().size() > WHAT_IF_PAUSES) {
            throw invalid("whatIf.pauses", "Size", "must be at most " + WHAT_IF_PAUSES);
        }
        if (whatIf.customerCalendar().map(c -> c.hours().size()).orElse(0) > WHAT_IF_WINDOWS) {
            throw invalid("whatIf.customerCalendar.hours", "Size", "must be at most " + WHAT_IF_WINDOWS);
        }
        for (Interval pause : whatIf.pauses()) {
            if (!pause.to().isBefore(WHAT_IF_LATEST)) {
                throw invalid("whatIf.pauses", "Range", "must end before 2200");
            }
            if (pause.to().isAfter(whatIf.raisedAt().plus(WHAT_IF_PAUSE_REACH))) { // walked (and explained) day by day
                throw invalid(
                        "whatIf.pauses",
                        "Range",
                        "must end within " + SlaPolicy.MAX_TARGET_WEEKS + " weeks of whatIf.raisedAt");
            }
            text(pause.reason(), "whatIf.pauses.reason", 2000);
        }
        return whatIf;
    }

    /**
     * The message of a refusal's cause, such as {@code ": unknown holiday region 'YY'"}, if it is short and free of
     * control characters and unpaired surrogates (it may quote a caller's value), else nothing.
     */
    static String why(RuntimeException e) {
        String m = e.getMessage();
        return m != null && m.length() <= 300 && TextRules.idProblem(m, 300) == null ? ": " + m : "";
    }

    static InvalidCommandException invalid(String field, String rule, String message) {
        return new InvalidCommandException(List.of(Violation.of(field, rule, message)));
    }
}
