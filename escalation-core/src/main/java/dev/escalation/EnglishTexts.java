package dev.escalation;

import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's only English texts for people: timeline entries, notifications (rendered at delivery, for the
 * recipient's time zone) and hotline advice, all from structured kinds and parameters. Instants are rendered like
 * {@code "Tue 12 Jan 2027 12:00 CET"}. The language issue replaces this class by message bundles; nothing else in
 * the engine writes a sentence for a person (ticket texts are the vendor's own record and written when queued).
 *
 * <p>Notification parameters by kind (besides {@code state} and {@code criticality} (Code) that every notification to
 * the participants carries): {@code ESCALATION_RECEIVED} customer (Ref), caseTitle (Text), cause (Code), text: the
 * message; {@code ESCALATION_CONFIRMED} the advice as {@code hotline.*} when given; {@code MANAGER_APPOINTED} manager
 * (Ref), managerName (Text), change (Code: {@code ACKNOWLEDGED} or {@code MANAGER_REASSIGNED}), text: the note;
 * {@code PLAN_AGREED} change (Code: {@code PLAN_AGREED} or {@code PLAN_AMENDED}), frequency (Span), channel (Code),
 * firstMeetingAt (At), text: the reason of an amendment; {@code PROGRESS_UPDATE} entry (Code: the progress kind),
 * text; {@code CRITICALITY_CHANGED} from, to (Code), text: the justification; {@code LESSONS_LEARNED_INVITATION} at
 * (At), duration (Span); {@code LESSONS_LEARNED_CANCELLED} at (At), by (Code: {@code MANAGER} if the manager
 * cancelled), text: the reason; {@code REMINDER} and {@code DEADLINE_BREACHED} deadline (Code: a {@code DueKind}), step
 * (Code), dueAt (At); {@code MEETING_SERIES_INVITATION} firstMeetingAt (At), frequency (Span), channel (Code), sequence
 * (Count); {@code IMPROVEMENT_ACTION_DUE} action (Text), step (Code), dueAt (At); the others: text.
 */
final class EnglishTexts {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

    private EnglishTexts() {}

    /** A rendered notification. */
    record Rendered(String subject, String body) {}

    // ------------------------------------------------------------------ timeline

    /** A timeline entry ({@link TimelineEntry#render(ZoneId)}) as an English sentence. */
    static String entry(ProgressKind kind, Optional<String> entryText, Map<String, EntryParam> p, ZoneId zone) {
        String text = entryText.orElse("");
        return switch (kind) {
            case ESCALATED -> "Escalated (" + code(p, "criticality") + ", " + code(p, "cause") + ")" + colon(text);
            case ACKNOWLEDGED -> "Escalation Manager " + value(p, "manager") + " appointed" + colon(text);
            case MANAGER_REASSIGNED ->
                "Escalation Manager changed from " + value(p, "from") + " to " + value(p, "to") + colon(text);
            case PLAN_AGREED -> plan("Meetings every ", p, zone, ", first at ");
            case PLAN_AMENDED -> plan("Meetings now every ", p, zone, ", next at ") + colon(text);
            case PARTICIPANT_ADDED -> "Participant added: " + value(p, "participantName");
            case PARTICIPANT_REMOVED -> "Participant removed: " + value(p, "participantName") + colon(text);
            case CRITICALITY_CHANGED -> "Criticality " + code(p, "from") + " → " + code(p, "to") + colon(text);
            case CLOCK_PAUSED -> "SLA clock paused" + colon(text);
            case CLOCK_RESUMED -> "SLA clock resumed" + colon(text);
            case CALENDAR_CHANGED -> "Calendar data changed" + colon(text);
            case RESOLVED -> "Resolved" + colon(text);
            case REOPENED -> "Reopened" + colon(text);
            case LESSONS_LEARNED_SCHEDULED ->
                "Lessons-learned session at " + at(p, "at", zone) + " (" + span(p, "duration") + ")"
                        + (count(p, "sequence") > 0 ? ", revised invitation" : "");
            case LESSONS_LEARNED_HELD ->
                "Lessons learned, " + plural(count(p, "actions"), "improvement action") + colon(text);
            case LESSONS_LEARNED_DECLINED -> "The customer declined the lessons-learned session" + colon(text);
            case CLOSED -> "Closed" + colon(text);
            case WITHDRAWN -> "Withdrawn by the customer" + colon(text);
            case POLICY_MIGRATED ->
                "SLA policy migrated from " + (p.containsKey("from") ? value(p, "from") : "none") + " to "
                        + value(p, "to");
            case LESSONS_LEARNED_CANCELLED ->
                "The lessons-learned session at " + at(p, "at", zone) + " was cancelled" + colon(text);
            case IMPROVEMENT_ACTION_UPDATED ->
                "Improvement action " + (count(p, "index") + 1) + " set to " + lower(code(p, "status")) + colon(text);
            case LEGACY_TEXT -> text;
            default -> words(kind) + colon(text); // status update, meeting held, decision, communication, note
        };
    }

    private static String plan(String lead, Map<String, EntryParam> p, ZoneId zone, String first) {
        return lead + span(p, "frequency") + " by " + code(p, "channel") + first + at(p, "firstMeetingAt", zone);
    }

    // ------------------------------------------------------------------ notifications

    static Rendered notification(NotificationRequest n, ZoneId zone) {
        Map<String, EntryParam> p = n.params();
        String text = n.text().orElse("");
        if (p.get("legacy") instanceof EntryParam.Code c
                && c.value().equals("0.1.0")
                && p.get("subject") instanceof EntryParam.Text legacySubject) {
            // queued by 0.1.0 and not delivered before the upgrade: it was rendered then, send it as it was
            return new Rendered(legacySubject.value(), text);
        }
        String subject;
        String body;
        switch (n.kind()) {
            case ESCALATION_RECEIVED -> {
                subject = "escalated (" + code(p, "criticality") + ", " + code(p, "cause") + ")";
                body = "Customer " + value(p, "customer") + " escalated case " + n.caseId() + " ("
                        + value(p, "caseTitle") + ")." + paragraph(text);
            }
            case ESCALATION_CONFIRMED -> {
                subject = "escalated (" + code(p, "criticality") + ")";
                body = "Your escalation of case " + n.caseId() + " was received; Support Management will contact you."
                        + paragraph(HotlineAdvisor.fromParams(p)
                                .map(a -> hotline(a, zone))
                                .orElse(""));
            }
            case MANAGER_APPOINTED -> {
                boolean replaced = code(p, "change").equals(ProgressKind.MANAGER_REASSIGNED.name());
                String name = value(p, "managerName");
                subject = (replaced ? "new Escalation Manager: " : "Escalation Manager appointed: ") + name;
                body = name
                        + (replaced ? " is now your Escalation Manager." : " is your Escalation Manager.")
                        + paragraph(text);
            }
            case PLAN_AGREED -> {
                boolean amended = code(p, "change").equals(ProgressKind.PLAN_AMENDED.name());
                subject = amended ? "communication plan changed" : "communication plan";
                body = plan(
                                amended ? "Meetings now every " : "Meetings every ",
                                p,
                                zone,
                                amended ? ", next at " : ", first at ")
                        + colon(text);
            }
            case PROGRESS_UPDATE -> {
                String entry = code(p, "entry");
                boolean declined = entry.equals(ProgressKind.LESSONS_LEARNED_DECLINED.name());
                subject = declined ? "lessons learned declined" : lower(entry);
                body = declined ? "The customer declined the lessons-learned session." + space(text) : text;
            }
            case PARTICIPANT_ADDED -> {
                subject = "you were added as a participant";
                body = "You were added as a participant of the escalation of case " + n.caseId() + ".";
            }
            case CRITICALITY_CHANGED -> {
                String change = code(p, "from") + " → " + code(p, "to") + colon(text);
                subject = "criticality " + change;
                body = "Criticality " + change;
            }
            case RESOLVED, REOPENED -> {
                subject = lower(n.kind().name());
                body = text;
            }
            case WITHDRAWN -> {
                subject = "withdrawn by the customer";
                body = text;
            }
            case LESSONS_LEARNED_INVITATION -> {
                subject = "invitation: lessons learned";
                body = "You are invited to the lessons-learned session of the escalation of case " + n.caseId() + " at "
                        + at(p, "at", zone) + " (" + span(p, "duration") + ").";
            }
            case LESSONS_LEARNED_CANCELLED -> {
                subject = "cancelled: lessons learned";
                body = "The lessons-learned session of the escalation of case " + n.caseId() + " at "
                        + at(p, "at", zone) + " is cancelled: "
                        + (code(p, "by").equals("MANAGER")
                                ? "the Escalation Manager cancelled it."
                                : "the customer declined it.")
                        + space(text);
            }
            case CLOSED -> {
                subject = "closed";
                body = "The escalation is closed." + space(text);
            }
            case MEETING_SERIES_INVITATION -> {
                subject = "invitation: escalation meetings";
                body = "You are invited to the meetings of the escalation of case " + n.caseId() + ": every "
                        + span(p, "frequency") + " by " + code(p, "channel") + ", first at "
                        + at(p, "firstMeetingAt", zone) + ".";
            }
            case IMPROVEMENT_ACTION_DUE -> {
                subject = "improvement action due";
                body = "The improvement action \"" + value(p, "action") + "\" you own was due at "
                        + at(p, "dueAt", zone) + ". Please update its status.";
            }
            case REMINDER, DEADLINE_BREACHED -> {
                boolean meeting = code(p, "deadline").equals("NEXT_MEETING");
                String what = code(p, "deadline").equals("FIRST_CONTACT")
                        ? "first contact"
                        : code(p, "deadline").equals("CUSTOMER_CONTACT") ? "customer contact" : "resolution";
                String due = at(p, "dueAt", zone);
                if (meeting && n.kind() == NotificationKind.DEADLINE_BREACHED) {
                    subject = "meeting missed";
                    body = "The meeting of the communication plan due at " + due + " was not held (" + code(p, "step")
                            + ").";
                } else if (meeting) {
                    subject = "meeting due";
                    body = "The next meeting of the communication plan is due at " + due + ".";
                } else if (n.kind() == NotificationKind.REMINDER) {
                    subject = what + " due soon";
                    body = "The " + what + " deadline of this escalation is due at " + due + ".";
                } else {
                    subject = what + " deadline missed";
                    body = "The " + what + " deadline of this escalation was due at " + due + " and is not met ("
                            + code(p, "step") + ").";
                }
            }
            default -> {
                subject = lower(n.kind().name());
                body = text;
            }
        }
        return new Rendered("[Escalation " + n.escalation() + "] case " + n.caseId() + ": " + subject, body);
    }

    // ------------------------------------------------------------------ hotline advice

    /**
     * The advice as a sentence a portal or a confirmation can show, for example {@code "Critical escalation raised at
     * the weekend (Sat 16 Jan 2027 11:00 CET); coverage resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline:
     * Germany +49 …, USA +1 …"}.
     */
    static String hotline(HotlineAdvice advice, ZoneId zone) {
        Map<String, EntryParam> p = advice.params();
        String raised = p.containsKey("raisedAt") ? " (" + at(p, "raisedAt", zone) + ")" : "";
        String why = switch (advice.reason()) {
            case WEEKEND -> "raised at the weekend" + raised;
            case PUBLIC_HOLIDAY -> "raised on a public holiday, " + value(p, "holidayName") + raised;
            case OUTSIDE_HOURS -> "raised outside business hours" + raised;
        };
        StringBuilder sb = new StringBuilder("Critical escalation ")
                .append(why)
                .append("; coverage resumes ")
                .append(at(advice.resumesAt(), zone))
                .append(". Please call the hotline: ");
        for (int i = 0; i < advice.numbers().size(); i++) {
            HotlineNumber n = advice.numbers().get(i);
            sb.append(i > 0 ? ", " : "").append(n.label()).append(' ').append(n.number());
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ values

    static String at(Instant instant, ZoneId zone) {
        return AT.format(instant.atZone(zone));
    }

    /** A duration in words: {@code "1 day"}, {@code "4 hours"}, {@code "90 minutes"}. */
    static String human(Duration d) {
        if (!d.isZero() && d.toMinutes() % (24 * 60) == 0 && d.toSeconds() % 60 == 0) {
            return plural(d.toDays(), "day");
        }
        if (!d.isZero() && d.toMinutes() % 60 == 0 && d.toSeconds() % 60 == 0) {
            return plural(d.toHours(), "hour");
        }
        return plural(d.toMinutes(), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String at(Map<String, EntryParam> p, String name, ZoneId zone) {
        return p.get(name) instanceof EntryParam.At a ? at(a.value(), zone) : "?";
    }

    private static String span(Map<String, EntryParam> p, String name) {
        return p.get(name) instanceof EntryParam.Span s ? human(s.value()) : "?";
    }

    private static long count(Map<String, EntryParam> p, String name) {
        return p.get(name) instanceof EntryParam.Count c ? c.value() : 0;
    }

    private static String code(Map<String, EntryParam> p, String name) {
        return p.get(name) instanceof EntryParam.Code c ? c.value() : "?";
    }

    /** A parameter's value whatever its type (ids, names). */
    private static String value(Map<String, EntryParam> p, String name) {
        EntryParam v = p.get(name);
        if (v instanceof EntryParam.Text t) {
            return t.value();
        }
        if (v instanceof EntryParam.Ref r) {
            return r.value();
        }
        if (v instanceof EntryParam.Code c) {
            return c.value();
        }
        return Optional.ofNullable(v).map(Object::toString).orElse("?");
    }

    private static String words(Enum<?> kind) {
        String w = lower(kind.name());
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String colon(String text) {
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String space(String text) {
        return text.isEmpty() ? "" : " " + text;
    }

    private static String paragraph(String text) {
        return text.isEmpty() ? "" : "\n\n" + text;
    }
}
