package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.OpeningHours;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds a {@link BusinessCalendar} from the SPI's plain-data {@link CalendarSpec}. */
final class CalendarSpecs {
    private CalendarSpecs() {}

    /** See {@link BusinessCalendar#fromSpec(CalendarSpec, Function)}. */
    static BusinessCalendar fromSpec(
            CalendarSpec spec, Function<String, ? extends @Nullable HolidaySource> regionResolver) {
        requireNonNull(spec, "spec");
        requireNonNull(regionResolver, "regionResolver");
        ZoneId zone;
        try {
            zone = ZoneId.of(spec.zoneId());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + spec.zoneId() + "' in calendar spec", e);
        }
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
        for (OpeningHours h : spec.hours()) {
            b.open(h.day(), h.from(), h.to());
        }
        if (spec.holidayRegion().isPresent()) {
            String region = spec.holidayRegion().get();
            HolidaySource source;
            try {
                source = regionResolver.apply(region);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown holiday region '" + region + "': " + e.getMessage(), e);
            }
            if (source == null) {
                throw new IllegalArgumentException("unknown holiday region '" + region + "'");
            }
            b.holidays(source);
        }
        return b.build();
    }
}
