package dev.escalation.calendar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The least and the greatest offset a zone's rules ever give, in seconds. They bound how the local dates of instants
 * can interleave: every instant whose local date is on or after {@code d} is at or after {@code d 00:00 - max}, and a
 * backward switch can repeat at most {@code max - min} of local time (St John's went back from 00:01 to 23:01 of the
 * day before until 2011; Juneau repeated a whole day in 1867).
 *
 * @param min the least offset in seconds
 * @param max the greatest offset in seconds
 */
record OffsetBounds(int min, int max) {

    /** Per zone rules (a pure function of them; the regions are finitely many). */
    private static final ConcurrentMap<ZoneRules, OffsetBounds> KNOWN = new ConcurrentHashMap<>();

    static OffsetBounds of(ZoneRules rules) {
        if (rules.isFixedOffset()) {
            int offset = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            return new OffsetBounds(offset, offset);
        }
        return KNOWN.computeIfAbsent(rules, OffsetBounds::compute);
    }

    private static OffsetBounds compute(ZoneRules rules) {
        int[] bounds = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        include(bounds, rules.getOffset(Instant.EPOCH)); // rules without transitions; else covered below
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            include(bounds, t.getOffsetBefore());
            include(bounds, t.getOffsetAfter());
        }
        for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
            include(bounds, r.getOffsetBefore());
            include(bounds, r.getOffsetAfter());
            include(bounds, r.getStandardOffset());
        }
        return new OffsetBounds(bounds[0], bounds[1]);
    }

    private static void include(int[] bounds, ZoneOffset offset) {
        bounds[0] = Math.min(bounds[0], offset.getTotalSeconds());
        bounds[1] = Math.max(bounds[1], offset.getTotalSeconds());
    }

    /**
     * How many local dates before an instant's own one can still hold instants after it: {@code ceil((max - min) /
     * 1 day)}; 0 for a fixed offset, 1 for almost every zone.
     */
    int lookBackDays() {
        long spread = (long) max - min;
        return (int) ((spread + 86_399) / 86_400);
    }
}
