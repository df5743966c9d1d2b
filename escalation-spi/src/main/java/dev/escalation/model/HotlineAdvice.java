package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The advice to call the hotline, given when a critical escalation is raised outside the vendor's coverage. Stored with
 * the escalation (views show it again) and rendered per reader; nothing here is a finished sentence.
 *
 * @param reason      why coverage is closed
 * @param params      the reason's parameters: {@code holiday} ({@link EntryParam.Code}, the holiday's key) and
 *                    {@code holidayName} ({@link EntryParam.Text}, its name as the calendar gives it) and
 *                    {@code holidayName.<language tag>} (Text, such as {@code holidayName.de}: its name in each
 *                    language the calendar knows) for {@link Reason#PUBLIC_HOLIDAY}; {@code raisedAt}
 *                    ({@link EntryParam.At}) always
 * @param resumesAt   when coverage opens again
 * @param numbers     the hotline numbers to call, in the host's order; not empty
 */
public record HotlineAdvice(
        Reason reason, Map<String, EntryParam> params, Instant resumesAt, List<HotlineNumber> numbers) {

    /** Why the vendor's coverage is closed. Stable codes: stores persist the name. */
    public enum Reason {
        /** Saturday or Sunday (a day without coverage windows). */
        WEEKEND,
        /** A public holiday of the coverage calendar (whole or partial day). */
        PUBLIC_HOLIDAY,
        /** A working day, before opening or after closing. */
        OUTSIDE_HOURS
    }

    /**
     * Validates and copies the components.
     *
     * @param reason why coverage is closed
     * @param params the reason's parameters: {@code holiday} ({@link EntryParam.Code}, the holiday's key) and
     *     {@code holidayName} ({@link EntryParam.Text}, its name as the calendar gives it) and
     *     {@code holidayName.<language tag>} (Text, its name per language) for {@link Reason#PUBLIC_HOLIDAY};
     *     {@code raisedAt} ({@link EntryParam.At}) always
     * @param resumesAt when coverage opens again
     * @param numbers the hotline numbers to call, in the host's order; not empty
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code numbers} is empty
     */
    public HotlineAdvice {
        requireNonNull(reason, "reason");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(resumesAt, "resumesAt");
        numbers = Lists.copyOf(numbers, "numbers");
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("hotline advice needs at least one number");
        }
    }
}
