package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A business calendar described as plain data, so the SPI needs no calendar type: the engine builds the calendar.
 *
 * @param zoneId        the time zone, such as {@code Europe/Berlin}
 * @param holidayRegion a holiday region code understood by the host's holiday source, such as {@code DE} or
 *                      {@code DE-BY}; empty for no public holidays
 * @param hours         the weekly opening windows
 */
public record CalendarSpec(String zoneId, Optional<String> holidayRegion, List<OpeningHours> hours) {

    /**
     * Validates and copies the components.
     *
     * @param zoneId the time zone, such as {@code Europe/Berlin}
     * @param holidayRegion a holiday region code understood by the host's holiday source, such as {@code DE} or
     *     {@code DE-BY}; empty for no public holidays
     * @param hours the weekly opening windows
     * @throws NullPointerException if a component or window is null
     */
    public CalendarSpec {
        requireNonNull(zoneId, "zoneId");
        requireNonNull(holidayRegion, "holidayRegion");
        hours = Lists.copyOf(hours, "hours");
    }
}
