package dev.escalation.text;

import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.internal.BidiControls;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Notifications as subject and body: {@code notification.<KIND>.subject} and {@code .body}, see {@code Texts}. */
final class NotificationRenderer {
    /** The step of the n-th repeat after a breach, and after a missed meeting (see core's {@code DueStep}). */
    private static final String BREACH_REPEAT = "breach-repeat-";

    private static final String MISSED_REPEAT = "missed-repeat-";

    /** The keys of one kind's texts, made once per suffix (so their hash codes are computed once too). */
    private static final class Keys {
        private final String prefix;
        private final Map<String, String> bySuffix = new ConcurrentHashMap<>();

        Keys(String prefix) {
            this.prefix = prefix;
        }

        String of(String suffix) {
            String key = bySuffix.get(suffix);
            if (key == null) {
                key = prefix + suffix;
                if (bySuffix.size() < 64) {
                    bySuffix.put(suffix, key);
                }
            }
            return key;
        }
    }

    private static final Keys[] KEYS = Arrays.stream(NotificationKind.values())
            .map(k -> new Keys("notification." + k.name()))
            .toArray(Keys[]::new);

    private final Catalog c;
    private final EntryRenderer entries;
    private final HotlineRenderer hotline;

    NotificationRenderer(Catalog c, EntryRenderer entries, HotlineRenderer hotline) {
        this.c = c;
        this.entries = entries;
        this.hotline = hotline;
    }

    Message render(NotificationRequest n, Locale l, ZoneId zone, ZoneId vendorZone) {
        Map<String, EntryParam> p = n.params();
        // the person's text ends the body; its unpaired bidi controls become U+FFFD, as those of every value
        String text = BidiControls.neutralised(n.text().orElse(""));
        if (p.get("legacy") instanceof EntryParam.Code legacy
                && legacy.value().equals("0.1.0")
                && p.get("subject") instanceof EntryParam.Text legacySubject) {
            // queued by 0.1.0 and not delivered before the upgrade: it was rendered then, send it as it was
            return new Message(BidiControls.neutralised(legacySubject.value()), text);
        }
        Keys key = KEYS[n.kind().ordinal()];
        String caseId = n.caseId().value();
        String subject;
        String body;
        String main; // the key of the pattern the body is made from (the subject's if the body is the person's text)
        switch (n.kind()) {
            case ESCALATION_RECEIVED -> {
                subject = c.text(key.of(".subject"), l, criticality(p, "criticality", l), cause(p, l));
                main = key.of(".body");
                body = paragraph(c.text(main, l, c.value(p, "customer", l), caseId, c.value(p, "caseTitle", l)), text);
            }
            case ESCALATION_CONFIRMED -> {
                subject = c.text(key.of(".subject"), l, criticality(p, "criticality", l));
                main = key.of(p.containsKey("intake") ? ".hotline.body" : ".body");
                body = paragraph(
                        c.text(main, l, caseId),
                        HotlineRenderer.fromParams(p)
                                .map(a -> hotline.render(a, l, vendorZone, zone))
                                .orElse(""));
            }
            case MANAGER_APPOINTED -> {
                String variant =
                        Catalog.code(p, "change").equals(ProgressKind.MANAGER_REASSIGNED.name()) ? ".reassigned" : "";
                String name = c.value(p, "managerName", l);
                subject = c.text(key.of(variant + ".subject"), l, name);
                main = key.of(variant + ".body");
                body = paragraph(c.text(main, l, name), text);
            }
            case PLAN_AGREED -> {
                boolean amended = Catalog.code(p, "change").equals(ProgressKind.PLAN_AMENDED.name());
                subject = c.text(key.of(amended ? ".amended.subject" : ".subject"), l);
                String plan = EntryRenderer.key(
                        amended ? "entry.PLAN_AMENDED" : "entry.PLAN_AGREED", EntryRenderer.agreement(p));
                main = plan;
                body = EntryRenderer.withText(c, entries.plan(plan, p, l, zone), text, l);
            }
            case PLAN_PROPOSED -> {
                subject = c.text(key.of(".subject"), l);
                String plan = entries.plan("entry.PLAN_PROPOSED", p, l, zone);
                main = key.of(".body");
                body = paragraph(c.text(main, l, plan), text);
            }
            case PROGRESS_UPDATE -> {
                String entry = Catalog.code(p, "entry");
                if (entry.equals(ProgressKind.LESSONS_LEARNED_DECLINED.name())) {
                    subject = c.text(key.of(".declined.subject"), l);
                    main = key.of(".declined.body");
                    body = space(c.text(main, l), text);
                } else {
                    main = key.of(".subject");
                    subject = c.text(main, l, c.label("progress", entry, l));
                    body = text;
                }
            }
            case PARTICIPANT_ADDED -> {
                subject = c.text(key.of(".subject"), l);
                main = key.of(".body");
                body = c.text(main, l, caseId);
            }
            case CRITICALITY_CHANGED -> {
                String from = criticality(p, "from", l);
                String to = criticality(p, "to", l);
                subject = c.text(key.of(".subject"), l, from, to);
                main = key.of(".body");
                body = EntryRenderer.withText(c, c.text(main, l, from, to), text, l);
            }
            case LESSONS_LEARNED_INVITATION -> {
                subject = c.text(key.of(".subject"), l);
                main = key.of(".body");
                body = c.text(main, l, caseId, c.atParam(p, "at", l, zone), c.spanParam(p, "duration", l));
            }
            case LESSONS_LEARNED_CANCELLED -> {
                String by = Catalog.code(p, "by").equals("MANAGER") ? ".manager" : "";
                subject = c.text(key.of(".subject"), l);
                main = key.of(by + ".body");
                body = space(c.text(main, l, caseId, c.atParam(p, "at", l, zone)), text);
            }
            case MEETING_SERIES_INVITATION -> {
                subject = c.text(key.of(".subject"), l);
                main = key.of(".body");
                body = c.text(
                        main,
                        l,
                        caseId,
                        c.spanParam(p, "frequency", l),
                        c.codeParam(p, "channel", "channel", l),
                        c.atParam(p, "firstMeetingAt", l, zone));
            }
            case IMPROVEMENT_ACTION_DUE -> {
                subject = c.text(key.of(".subject"), l);
                main = key.of(".body");
                body = c.text(main, l, c.value(p, "action", l), c.atParam(p, "dueAt", l, zone));
            }
            case CLOSED -> {
                subject = c.text(key.of(".subject"), l);
                main = key.of(".body");
                body = space(c.text(main, l), text);
            }
            case REMINDER, DEADLINE_BREACHED -> {
                String deadline = Catalog.code(p, "deadline");
                String due = c.atParam(p, "dueAt", l, zone);
                String step = Catalog.code(p, "step");
                if (deadline.equals(DueKind.NEXT_MEETING.name())) {
                    subject = c.text(key.of(".meeting.subject"), l);
                    boolean repeated = n.kind() == NotificationKind.DEADLINE_BREACHED && step.startsWith(MISSED_REPEAT);
                    main = key.of(repeated ? ".meeting.repeat.body" : ".meeting.body");
                    body = repeated ? c.text(main, l, due, repeat(step, MISSED_REPEAT)) : c.text(main, l, due);
                } else {
                    String what = c.label("dueKind", deadline, l);
                    subject = c.text(key.of(".subject"), l, what);
                    boolean repeated = n.kind() == NotificationKind.DEADLINE_BREACHED && step.startsWith(BREACH_REPEAT);
                    main = key.of(repeated ? ".repeat.body" : ".body");
                    body = repeated
                            ? c.text(main, l, what, due, repeat(step, BREACH_REPEAT))
                            : c.text(main, l, what, due);
                }
            }
            default -> {
                // RESOLVED, REOPENED, WITHDRAWN and kinds added later: a subject and the person's text
                main = c.has(key.of(".subject"), l)
                        ? key.of(".subject")
                        : "label." + Labels.group(n.kind()) + "." + n.kind().name();
                subject = c.has(key.of(".subject"), l) ? c.text(key.of(".subject"), l) : c.label(n.kind(), l);
                body = text;
            }
        }
        String full = c.text("notification.subject", l, n.escalation().value(), caseId, subject);
        return new Message(full, body, c.language(main, l));
    }

    private String criticality(Map<String, EntryParam> p, String name, Locale l) {
        return c.codeParam(p, name, "criticality", l);
    }

    private String cause(Map<String, EntryParam> p, Locale l) {
        return c.codeParam(p, "cause", "cause", l);
    }

    private static long repeat(String step, String prefix) {
        try {
            return Long.parseLong(step.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String space(String sentence, String text) {
        return text.isEmpty() ? sentence : sentence + " " + text;
    }

    private static String paragraph(String sentence, String text) {
        return text.isEmpty() ? sentence : sentence + "\n\n" + text;
    }
}
