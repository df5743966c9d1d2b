package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A business calendar: a time zone, weekly opening windows (several per day allowed) and holidays.
 *
 * <p>Immutable and thread-safe. Windows are half-open: a window 09:00–17:00 is open at 09:00 and closed at 17:00.
 * Local times are interpreted in {@link #zone()}, so daylight-saving switches are handled by {@code java.time}.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> windows;
    private final HolidaySource holidays;

    /** One opening window of a weekday. */
    record Window(LocalTime from, LocalTime to) {
    }

    private BusinessCalendar(Builder b) {
        this.zone = b.zone;
        EnumMap<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        b.windows.forEach((day, list) -> {
            List<Window> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(Window::from));
            copy.put(day, List.copyOf(sorted));
        });
        this.windows = copy;
        this.holidays = b.holidays;
    }

    /**
     * Starts a calendar in a time zone.
     *
     * @param zone the zone, such as {@code Europe/Berlin}
     * @return a builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /**
     * A calendar that is always open (UTC, every day, all day, no holidays).
     *
     * @return the calendar
     */
    public static BusinessCalendar alwaysOpen() {
        Builder b = builder(ZoneId.of("UTC"));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    /**
     * The calendar's time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The holidays this calendar closes on.
     *
     * @return the holiday source
     */
    public HolidaySource holidays() {
        return holidays;
    }

    /**
     * Whether the calendar is open at an instant.
     *
     * @param instant the instant
     * @return {@code true} if inside an opening window on a day that is not (at that time) a holiday
     */
    public boolean isOpen(Instant instant) {
        return closedReason(instant).isEmpty();
    }

    /**
     * Why the calendar is closed at an instant, in words a person can read, such as {@code "Saturday"},
     * {@code "public holiday: Christmas Day"} or {@code "outside business hours (Monday 09:00–17:00)"}.
     *
     * @param instant the instant
     * @return the reason, or empty when open
     */
    public Optional<String> closedReason(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        Optional<Holiday> holiday = holidays.holidayOn(local.toLocalDate());
        if (holiday.isPresent()) {
            Holiday h = holiday.get();
            if (h.closedFrom().isEmpty() || !local.toLocalTime().isBefore(h.closedFrom().get())) {
                return Optional.of("public holiday: " + h.name());
            }
        }
        DayOfWeek day = local.getDayOfWeek();
        List<Window> today = windows.getOrDefault(day, List.of());
        String dayName = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (today.isEmpty()) {
            return Optional.of(dayName);
        }
        LocalTime time = local.toLocalTime();
        for (Window w : today) {
            if (!time.isBefore(w.from()) && (time.isBefore(w.to()) || w.to().equals(LocalTime.MAX))) {
                return Optional.empty();
            }
        }
        StringBuilder hours = new StringBuilder();
        for (Window w : today) {
            if (hours.length() > 0) {
                hours.append(", ");
            }
            hours.append(w.from()).append('–').append(w.to());
        }
        return Optional.of("outside business hours (" + dayName + " " + hours + ")");
    }

    /** Builds a {@link BusinessCalendar}; each setting is validated at once. Not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<Window>> windows = new EnumMap<>(DayOfWeek.class);
        private HolidaySource holidays = HolidaySource.none();

        private Builder(ZoneId zone) {
            this.zone = requireNonNull(zone, "zone");
        }

        /**
         * Adds an opening window on a weekday.
         *
         * @param day  the weekday
         * @param from opening time
         * @param to   closing time (exclusive), after {@code from}
         * @return this builder
         * @throws IllegalArgumentException if {@code to} is not after {@code from} or the window overlaps another
         */
        public Builder open(DayOfWeek day, LocalTime from, LocalTime to) {
            requireNonNull(day, "day");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("closing time " + to + " must be after opening time " + from);
            }
            List<Window> list = windows.computeIfAbsent(day, d -> new ArrayList<>());
            for (Window w : list) {
                if (from.isBefore(w.to()) && w.from().isBefore(to)) {
                    throw new IllegalArgumentException("window " + from + "–" + to + " on " + day + " overlaps "
                            + w.from() + "–" + w.to());
                }
            }
            list.add(new Window(from, to));
            return this;
        }

        /**
         * Adds the same opening window Monday to Friday.
         *
         * @param from opening time
         * @param to   closing time (exclusive)
         * @return this builder
         */
        public Builder openWeekdays(LocalTime from, LocalTime to) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                    open(d, from, to);
                }
            }
            return this;
        }

        /**
         * Sets where holidays come from (replacing any earlier source).
         *
         * @param source the source
         * @return this builder
         */
        public Builder holidays(HolidaySource source) {
            this.holidays = requireNonNull(source, "source");
            return this;
        }

        /**
         * Builds the calendar.
         *
         * @return the immutable calendar
         */
        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }
    }
}
