package dev.escalation.text;

import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Hotline advice as a sentence: {@code hotline.<REASON>} inside {@code hotline.advice}. */
final class HotlineRenderer {
    /** The prefix of the advice's parameters in a confirmation notification. */
    static final String PREFIX = "hotline.";

    private final Catalog c;

    HotlineRenderer(Catalog c) {
        this.c = c;
    }

    String render(HotlineAdvice advice, Locale l, ZoneId vendorZone, ZoneId readerZone) {
        Map<String, EntryParam> p = advice.params();
        String raised = p.get("raisedAt") instanceof EntryParam.At a ? c.at(a.value(), l, readerZone) : c.missing(l);
        String why = c.text(REASON_KEYS[advice.reason().ordinal()], l, raised, holidayName(p, l));
        String resumes = c.at(advice.resumesAt(), l, vendorZone);
        if (!vendorZone.normalized().equals(readerZone.normalized())) {
            // the reader's time too, unless it reads the same (Paris or Vienna for a Berlin vendor: "09:00 CET")
            String theirs = c.at(advice.resumesAt(), l, readerZone);
            if (!theirs.equals(resumes)) {
                resumes = c.text("hotline.resumes.twoZones", l, resumes, theirs);
            }
        }
        List<String> numbers = new ArrayList<>();
        for (HotlineNumber n : advice.numbers()) {
            numbers.add(c.text("hotline.number", l, n.label(), n.number()));
        }
        return c.text("hotline.advice", l, why, resumes, String.join(c.text("list.separator", l), numbers));
    }

    /**
     * The holiday's name in the reader's language: the parameter {@code holidayName.<language>} (such as
     * {@code holidayName.de}) if the calendar named it in that language, else {@code holidayName}.
     */
    private String holidayName(Map<String, EntryParam> p, Locale l) {
        String[] keys = HOLIDAY_KEYS.get(l);
        if (keys == null) {
            keys = new String[] {"holidayName." + l.toLanguageTag(), "holidayName." + l.getLanguage()};
            if (HOLIDAY_KEYS.size() < 64) {
                HOLIDAY_KEYS.put(l, keys);
            }
        }
        if (p.get(keys[0]) instanceof EntryParam.Text exact) {
            return exact.value();
        }
        if (p.get(keys[1]) instanceof EntryParam.Text t) {
            return t.value();
        }
        return p.get("holidayName") instanceof EntryParam.Text t ? t.value() : "";
    }

    /** {@code "hotline." + reason.name()} by ordinal, made once. */
    private static final String[] REASON_KEYS = java.util.Arrays.stream(HotlineAdvice.Reason.values())
            .map(r -> "hotline." + r.name())
            .toArray(String[]::new);

    /** The keys {@code holidayName.<language tag>} and {@code holidayName.<language>} per locale; bounded. */
    private static final Map<Locale, String[]> HOLIDAY_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int LABEL = 0;

    private static final int NUMBER = 1;

    /** {@code hotline.number.<i>.label} and {@code .number} of the first numbers, made once. */
    private static final String[][] NUMBER_KEYS = new String[8][];

    static {
        for (int i = 1; i < NUMBER_KEYS.length; i++) {
            NUMBER_KEYS[i] = new String[] {PREFIX + "number." + i + ".label", PREFIX + "number." + i + ".number"};
        }
    }

    private static String numberKey(int i, int part) {
        if (i < NUMBER_KEYS.length) {
            return NUMBER_KEYS[i][part];
        }
        return PREFIX + "number." + i + (part == LABEL ? ".label" : ".number");
    }

    /** The advice carried by a confirmation notification's parameters {@code hotline.*}, if any. */
    static Optional<HotlineAdvice> fromParams(Map<String, EntryParam> p) {
        if (!(p.get(PREFIX + "reason") instanceof EntryParam.Code reason)
                || !(p.get(PREFIX + "resumesAt") instanceof EntryParam.At resumes)) {
            return Optional.empty();
        }
        HotlineAdvice.Reason why;
        try {
            why = HotlineAdvice.Reason.valueOf(reason.value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        String paramPrefix = PREFIX + "param.";
        p.forEach((k, v) -> {
            if (k.startsWith(paramPrefix)) {
                params.put(k.substring(paramPrefix.length()), v);
            }
        });
        List<HotlineNumber> numbers = new ArrayList<>();
        for (int i = 1;
                p.get(numberKey(i, LABEL)) instanceof EntryParam.Text label
                        && p.get(numberKey(i, NUMBER)) instanceof EntryParam.Text number;
                i++) {
            numbers.add(new HotlineNumber(label.value(), number.value()));
        }
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HotlineAdvice(why, params, resumes.value(), numbers));
    }
}
