package dev.escalation.text;

import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.internal.BidiControls;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Timeline entries as sentences: {@code entry.<KIND>} patterns with the kind's parameters (see {@code Texts}). */
final class EntryRenderer {
    private final Catalog c;

    EntryRenderer(Catalog c) {
        this.c = c;
    }

    String render(ProgressKind kind, Optional<String> entryText, Map<String, EntryParam> p, Locale l, ZoneId zone) {
        String text = BidiControls.neutralised(entryText.orElse("")); // as every value: see Catalog.text
        if (kind == ProgressKind.LEGACY_TEXT) {
            return text;
        }
        String sentence = sentence(kind, p, l, zone);
        return withText(c, sentence, text, l);
    }

    static String withText(Catalog c, String sentence, String text, Locale l) {
        return text.isEmpty() ? sentence : c.text("entry.withText", l, sentence, text);
    }

    /** {@code "entry." + kind.name()} by ordinal, made once. */
    private static final String[] KEYS = java.util.Arrays.stream(ProgressKind.values())
            .map(k -> "entry." + k.name())
            .toArray(String[]::new);

    /** The key {@code base + suffix}: {@code base} itself for no suffix (no new string). */
    static String key(String base, String suffix) {
        return suffix.isEmpty() ? base : base + suffix;
    }

    private String sentence(ProgressKind kind, Map<String, EntryParam> p, Locale l, ZoneId zone) {
        String key = KEYS[kind.ordinal()];
        switch (kind) {
            case ESCALATED:
                return p.containsKey("recordedBy")
                        ? c.text(
                                key + ".hotline",
                                l,
                                c.codeParam(p, "criticality", "criticality", l),
                                c.codeParam(p, "cause", "cause", l),
                                c.value(p, "recordedBy", l))
                        : c.text(
                                key,
                                l,
                                c.codeParam(p, "criticality", "criticality", l),
                                c.codeParam(p, "cause", "cause", l));
            case ACKNOWLEDGED:
                return c.text(key, l, c.value(p, "manager", l));
            case MANAGER_REASSIGNED:
                return c.text(key, l, c.value(p, "from", l), c.value(p, "to", l));
            case PLAN_AGREED:
            case PLAN_AMENDED:
                return plan(key(key, agreement(p)), p, l, zone);
            case PLAN_PROPOSED:
                return plan(Catalog.count(p, "counter") > 0 ? key + ".counter" : key, p, l, zone);
            case PARTICIPANT_ADDED:
            case PARTICIPANT_REMOVED:
                return c.text(key, l, c.value(p, "participantName", l));
            case CRITICALITY_CHANGED:
                return c.text(key, l, c.codeParam(p, "from", "criticality", l), c.codeParam(p, "to", "criticality", l));
            case LESSONS_LEARNED_SCHEDULED:
                return c.text(
                        Catalog.count(p, "sequence") > 0 ? key + ".revised" : key,
                        l,
                        c.atParam(p, "at", l, zone),
                        c.spanParam(p, "duration", l));
            case LESSONS_LEARNED_HELD:
                return c.text(key, l, Catalog.count(p, "actions"));
            case IMPROVEMENT_ACTION_UPDATED:
                return c.text(key, l, Catalog.count(p, "index") + 1, c.codeParam(p, "status", "improvementStatus", l));
            case LESSONS_LEARNED_CANCELLED:
                return c.text(key, l, c.atParam(p, "at", l, zone));
            case POLICY_MIGRATED:
                return p.containsKey("from")
                        ? c.text(key, l, c.value(p, "from", l), c.value(p, "to", l))
                        : c.text(key + ".first", l, c.value(p, "to", l));
            default:
                // a kind with only its free text; a kind added later without a text of its own reads as its label
                return c.has(key, l) ? c.text(key, l) : capitalised(c.label(kind, l));
        }
    }

    /** The key suffix for how a plan was agreed: none when simply recorded, else {@code .CONFIRMED} and so on. */
    static String agreement(Map<String, EntryParam> p) {
        String a = p.containsKey("agreement") ? Catalog.code(p, "agreement") : "RECORDED";
        return a.equals("RECORDED") ? "" : "." + a;
    }

    /** The plan sentence of {@code entry.PLAN_AGREED}, {@code entry.PLAN_AMENDED} or {@code entry.PLAN_PROPOSED}. */
    String plan(String key, Map<String, EntryParam> p, Locale l, ZoneId zone) {
        return c.text(
                key,
                l,
                c.spanParam(p, "frequency", l),
                c.codeParam(p, "channel", "channel", l),
                c.atParam(p, "firstMeetingAt", l, zone));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
