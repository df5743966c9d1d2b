package dev.escalation.calendar;

import dev.escalation.model.CalendarSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads the parts of a {@link BusinessCalendar} from the SPI's plain-data {@link CalendarSpec}. */
final class CalendarSpecs {
    private CalendarSpecs() {}

    /** The spec's zone; see {@link BusinessCalendar#fromSpec(CalendarSpec, Function)}. */
    static ZoneId zone(CalendarSpec spec) {
        try {
            return ZoneId.of(spec.zoneId());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + spec.zoneId() + "' in calendar spec", e);
        }
    }

    /** The holidays of the spec's region, if it names one; see {@link BusinessCalendar#fromSpec}. */
    static Optional<HolidaySource> holidays(
            CalendarSpec spec, Function<String, ? extends @Nullable HolidaySource> regionResolver) {
        if (spec.holidayRegion().isEmpty()) {
            return Optional.empty();
        }
        String region = spec.holidayRegion().get();
        HolidaySource source;
        try {
            source = regionResolver.apply(region);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String named = "'" + region + "'"; // once: JollydayHolidays' own message names it already
            throw new IllegalArgumentException(
                    m != null && m.contains(named) ? m : "unknown holiday region " + named + ": " + m, e);
        }
        if (source == null) {
            throw new IllegalArgumentException("unknown holiday region '" + region + "'");
        }
        return Optional.of(source);
    }
}
