package dev.escalation.text;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A date-time pattern of the shipped kind ({@code EEE d MMM yyyy HH:mm z}, {@code HH:mm z}, …) compiled once into
 * literal pieces and fields, so formatting an instant is a few appends instead of {@link DateTimeFormatter}'s
 * printer-parser walk and a {@code ZonedDateTime}. The texts of days and months are the formatter's own (printed once
 * per day and month with the same pattern letters and locale), and so is the zone's short name (printed by a
 * {@code "z"} formatter the first time a zone is seen in or out of daylight saving, then kept). {@link #format}
 * gives the text of {@code DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone))} for every pattern
 * {@link #compile} accepts (a jqwik property checks it), or {@code null} for a year outside 1–9999 (then use the
 * formatter). Immutable but for the kept zone name; shared.
 */
final class DateText {
    private static final int DAY_NAME = 0;
    private static final int DAY = 1;
    private static final int DAY_2 = 2;
    private static final int MONTH_NAME = 3;
    private static final int MONTH_2 = 4;
    private static final int YEAR_4 = 5;
    private static final int HOUR_2 = 6;
    private static final int MINUTE_2 = 7;
    private static final int ZONE_NAME = 8;

    /** Instants whose local date is surely within years 1–9999 in every zone (offsets are at most ±18 h). */
    private static final long MIN_SECOND = LocalDate.of(1, 1, 2).toEpochDay() * 86_400;

    private static final long MAX_SECOND = LocalDate.of(9999, 12, 30).toEpochDay() * 86_400;

    /** {@code literals[i]} precedes the i-th field; the last one ends the text. */
    private final String[] literals;

    private final int[] fields;
    private final int length;
    /** Short names, Monday first, and January first, as the pattern's formatter prints them. */
    private final String[] days;

    private final String[] months;
    private final DateTimeFormatter zoneFormatter;

    /** The last zone name printed: a zone, whether in daylight saving, and its name. */
    private record ZoneName(ZoneId zone, boolean dst, String name) {}

    private static final int ZONE_SLOTS = 8;

    /** The seconds {@code [from, to)} between two transitions of a zone, and its offset then. */
    private record OffsetRun(ZoneId zone, long from, long to, ZoneOffset offset) {}

    /** Offset runs of zones printed, direct-mapped by zone; a race only asks the rules again. */
    private final @Nullable OffsetRun[] runs = new OffsetRun[ZONE_SLOTS];

    /**
     * Zone names printed, direct-mapped by zone and daylight saving (a reader's and a vendor's zone, both seasons);
     * a race only prints a name again (the records are immutable).
     */
    private final @Nullable ZoneName[] zoneNames = new ZoneName[ZONE_SLOTS];

    private DateText(String[] literals, int[] fields, Locale locale) {
        this.literals = literals;
        this.fields = fields;
        int n = 0;
        for (String s : literals) {
            n += s.length();
        }
        this.length = n + 4 * fields.length;
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE", locale);
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", locale);
        this.days = new String[7];
        LocalDate monday = LocalDate.of(2024, 1, 1); // a Monday
        for (DayOfWeek d : DayOfWeek.values()) {
            days[d.ordinal()] = day.format(monday.plusDays(d.ordinal()));
        }
        this.months = new String[12];
        for (Month m : Month.values()) {
            months[m.ordinal()] = month.format(LocalDate.of(2024, m, 1));
        }
        this.zoneFormatter = DateTimeFormatter.ofPattern("z", locale);
    }

    /**
     * The compiled form of {@code pattern}, or {@code null} if it uses a letter, a count of letters, a quote or an
     * optional section outside the shipped kind (then use {@link DateTimeFormatter}).
     */
    static @Nullable DateText compile(String pattern, Locale locale) {
        java.util.List<String> literals = new java.util.ArrayList<>();
        java.util.List<Integer> fields = new java.util.ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                int end = i;
                while (end < pattern.length() && pattern.charAt(end) == c) {
                    end++;
                }
                int field = field(c, end - i);
                if (field < 0) {
                    return null;
                }
                literals.add(literal.toString());
                literal.setLength(0);
                fields.add(field);
                i = end;
            } else if (c == '\'' || c == '[' || c == ']' || c == '{' || c == '}' || c == '#') {
                return null;
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new DateText(
                literals.toArray(String[]::new),
                fields.stream().mapToInt(Integer::intValue).toArray(),
                locale);
    }

    private static int field(char letter, int count) {
        switch (letter) {
            case 'E':
                return count == 3 ? DAY_NAME : -1;
            case 'd':
                return count == 1 ? DAY : count == 2 ? DAY_2 : -1;
            case 'M':
                return count == 3 ? MONTH_NAME : count == 2 ? MONTH_2 : -1;
            case 'y':
                return count == 4 ? YEAR_4 : -1;
            case 'H':
                return count == 2 ? HOUR_2 : -1;
            case 'm':
                return count == 2 ? MINUTE_2 : -1;
            case 'z':
                return count <= 3 ? ZONE_NAME : -1;
            default:
                return -1;
        }
    }

    /**
     * {@code DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone))}, or {@code null} for an instant
     * whose year may lie outside 1–9999.
     */
    @Nullable
    String format(Instant at, ZoneId zone) {
        long second = at.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            return null;
        }
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = offset(second, at, zone, rules);
        long local = second + offset.getTotalSeconds();
        long epochDay = Math.floorDiv(local, 86_400);
        int secondOfDay = Math.floorMod(local, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        StringBuilder b = new StringBuilder(length);
        for (int k = 0; k < fields.length; k++) {
            b.append(literals[k]);
            switch (fields[k]) {
                case DAY_NAME -> b.append(days[date.getDayOfWeek().ordinal()]);
                case DAY -> b.append(date.getDayOfMonth());
                case DAY_2 -> two(b, date.getDayOfMonth());
                case MONTH_NAME -> b.append(months[date.getMonthValue() - 1]);
                case MONTH_2 -> two(b, date.getMonthValue());
                case YEAR_4 -> four(b, date.getYear());
                case HOUR_2 -> two(b, secondOfDay / 3600);
                case MINUTE_2 -> two(b, secondOfDay / 60 % 60);
                default -> b.append(zoneName(at, zone, rules, offset));
            }
        }
        return b.append(literals[fields.length]).toString();
    }

    /**
     * {@code rules.getOffset(at)}: from a run of seconds between two transitions of the zone printed before (the
     * offset is the same throughout a run; transitions fall on whole seconds), else asked and its run kept.
     */
    private ZoneOffset offset(long second, Instant at, ZoneId zone, ZoneRules rules) {
        int slot = zone.hashCode() & (ZONE_SLOTS - 1);
        OffsetRun r = runs[slot];
        if (r != null && second >= r.from() && second < r.to() && r.zone().equals(zone)) {
            return r.offset();
        }
        ZoneOffset offset = rules.getOffset(at);
        if (!rules.isFixedOffset()) {
            ZoneOffsetTransition before = rules.previousTransition(Instant.ofEpochSecond(second + 1));
            ZoneOffsetTransition after = rules.nextTransition(Instant.ofEpochSecond(second));
            runs[slot] = new OffsetRun(
                    zone,
                    before == null ? Long.MIN_VALUE : before.toEpochSecond(),
                    after == null ? Long.MAX_VALUE : after.toEpochSecond(),
                    offset);
        }
        return offset;
    }

    /** The zone's short name as {@code "z"} prints it: it depends on the zone and on daylight saving only. */
    private String zoneName(Instant at, ZoneId zone, ZoneRules rules, ZoneOffset offset) {
        boolean dst = !rules.getStandardOffset(at).equals(offset); // ZoneRules.isDaylightSavings
        int slot = (zone.hashCode() * 2 + (dst ? 1 : 0)) & (ZONE_SLOTS - 1);
        ZoneName known = zoneNames[slot];
        if (known != null && known.dst() == dst && known.zone().equals(zone)) {
            return known.name();
        }
        String name = zoneFormatter.format(ZonedDateTime.ofInstant(at, zone));
        zoneNames[slot] = new ZoneName(zone, dst, name);
        return name;
    }

    private static void two(StringBuilder b, int value) {
        if (value < 10) {
            b.append('0');
        }
        b.append(value);
    }

    private static void four(StringBuilder b, int value) {
        if (value < 1000) {
            b.append('0');
            if (value < 100) {
                b.append('0');
                if (value < 10) {
                    b.append('0');
                }
            }
        }
        b.append(value);
    }
}
