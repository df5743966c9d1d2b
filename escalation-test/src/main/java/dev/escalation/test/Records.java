package dev.escalation.test;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builders of valid SPI values, for the contracts and for anyone testing an adapter: stored escalations (minimal or
 * with every component present), their entries, the {@link EscalationWrite}s that create and change them, outbox
 * messages, due items, rendered notifications and ticket commands.
 *
 * <p>All methods are pure: they create new immutable values and keep no state (the builders are mutable and not
 * thread-safe). Texts deliberately contain non-ASCII characters, characters outside the Basic Multilingual Plane,
 * quotes and line breaks, so a round trip through a real backend is a real test of encoding.
 */
public final class Records {

    /** A fixed instant the contracts start from: Friday, 15 January 2027, 09:00 UTC. */
    public static final Instant T0 = Instant.parse("2027-01-15T09:00:00Z");

    /** Text with characters that break naive encodings: umlauts, an emoji, quotes, a line break, a tab. */
    public static final String AWKWARD_TEXT =
            "Datenbank ausgefallen – Grüße aus Köln 🚨 \"quoted\" 'single'\nline 2\ttab";

    /**
     * Text made of characters outside the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes each):
     * mathematical letters, emoji, CJK extension B, Gothic. A backend with a three-byte "UTF-8" (MySQL's
     * {@code utf8}) or a length check in UTF-16 units gets it wrong.
     */
    public static final String SUPPLEMENTARY_TEXT = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀🚨 𠜎𠜱 𐍈𐌰";

    /** A count beyond 2^53: a JSON mapping through {@code double} loses its last digit. */
    public static final long LARGE_COUNT = 9_007_199_254_740_993L;

    private static final String HASH_A = "0123456789abcdef".repeat(4);
    private static final String HASH_B = "fedcba9876543210".repeat(4);

    private Records() {}

    // ------------------------------------------------------------------------------------------------ escalations

    /**
     * A builder of a minimal valid escalation: version 1, {@link EscalationState#REQUESTED}, raised by contact
     * {@code ina} in the portal, facts of one entry, no optional component present.
     *
     * @param id       the escalation
     * @param customer the tenant
     * @param caseId   the case
     * @return the builder
     */
    public static EscalationBuilder escalation(EscalationId id, CustomerId customer, CaseId caseId) {
        return new EscalationBuilder(id, customer, caseId);
    }

    /**
     * A value at its longest: {@code prefix} and a dash, filled to exactly {@code length} characters with characters
     * outside ASCII ("ä", "€") and outside the BMP (a surrogate pair, never split), so it has more bytes in UTF-8 than
     * characters. For ids (128 characters, the model's limit) and texts at the limits the engine accepts.
     *
     * @param prefix what the value starts with
     * @param length its length in {@code char}s
     * @return the value
     * @throws IllegalArgumentException if {@code prefix} and the dash do not fit in {@code length}
     */
    public static String longest(String prefix, int length) {
        if (prefix.length() + 1 > length) {
            throw new IllegalArgumentException(
                    "a prefix of " + prefix.length() + " characters does not fit in " + length);
        }
        String[] fill = {"\u00e4", "\u20ac", "\ud834\udd1e"};
        StringBuilder b = new StringBuilder(prefix).append('-');
        for (int i = 0; b.length() < length; i++) {
            String f = fill[i % fill.length];
            b.append(b.length() + f.length() <= length ? f : "x");
        }
        return b.toString();
    }

    /**
     * A builder pre-filled with every component of {@code escalation}, to change a few.
     *
     * @param escalation the escalation to copy
     * @return the builder
     */
    public static EscalationBuilder from(StoredEscalation escalation) {
        return new EscalationBuilder(escalation);
    }

    /** The zone of the plan of {@link #fullyPopulated}: not the vendor's, with daylight saving unlike Europe's. */
    public static final java.time.ZoneId PLAN_ZONE = java.time.ZoneId.of("America/New_York");

    /**
     * An escalation at version 1 in which every optional component is present and every list holds several
     * elements, with awkward texts: what a round-trip test needs. Every instant is {@code raisedAt} plus whole
     * seconds, so a {@code raisedAt} truncated to a store's precision keeps every instant at that precision.
     *
     * @param id       the escalation
     * @param customer the tenant
     * @param caseId   the case
     * @param raisedAt when it was raised; the other instants are derived from it
     * @return the escalation (its {@code facts().entryCount()} is set by the write that stores it)
     */
    public static StoredEscalation fullyPopulated(
            EscalationId id, CustomerId customer, CaseId caseId, Instant raisedAt) {
        Party ina = party(Party.Kind.CONTACT, "ina");
        Party sam = party(Party.Kind.STAFF, "sam");
        Party ext = new Party(Party.Kind.EXTERNAL, "ext@example.org", "Ext " + SUPPLEMENTARY_TEXT, "ext@example.org");
        CommunicationPlan plan = new CommunicationPlan(
                Duration.ofHours(4).plusMillis(250),
                Channel.VIDEO_CALL,
                raisedAt.plusSeconds(7200),
                raisedAt.plusSeconds(300),
                Optional.of(ContactId.of("ina")),
                Optional.of(StaffId.of("sam")),
                CommunicationPlan.Agreement.CONFIRMED,
                Optional.of(PLAN_ZONE));
        // without a zone: stored before plans recorded one (the vendor's zone)
        CommunicationPlan proposed = new CommunicationPlan(
                Duration.ofDays(1), Channel.PHONE, raisedAt.plusSeconds(90_000), raisedAt.plusSeconds(400));
        Map<String, EntryParam> hotlineParams = new LinkedHashMap<>();
        hotlineParams.put("raisedAt", new EntryParam.At(raisedAt));
        hotlineParams.put("holiday", new EntryParam.Code("NEW_YEAR"));
        hotlineParams.put("holidayName", new EntryParam.Text("Neujahr " + SUPPLEMENTARY_TEXT));
        EscalationFacts facts = new EscalationFacts(
                1,
                Optional.of(raisedAt.plusSeconds(60)),
                Optional.of(raisedAt.plusSeconds(1800)),
                Optional.of(raisedAt.plusSeconds(2000)),
                Optional.of("waiting for the customer’s logs " + SUPPLEMENTARY_TEXT),
                List.of(
                        new ExcludedSpan(
                                raisedAt.plusSeconds(500),
                                raisedAt.plusSeconds(900),
                                ExcludedSpan.Kind.PAUSED,
                                Optional.of("lunch – 🍝")),
                        new ExcludedSpan(
                                raisedAt.plusSeconds(1000),
                                raisedAt.plusSeconds(1000),
                                ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED,
                                Optional.empty())),
                Optional.of(raisedAt.plusSeconds(3000)),
                Optional.of(raisedAt.plusSeconds(7200)),
                Optional.of(new DeadlineMark(DueKind.RESOLUTION, raisedAt.plusSeconds(86_400))),
                1,
                2,
                true,
                Optional.of(raisedAt.plusSeconds(3100)),
                3,
                Optional.of("0123456789abcdef".repeat(4)));
        return new StoredEscalation(
                id,
                1,
                customer,
                caseId,
                EscalationState.LESSONS_LEARNED,
                ContactId.of("ina"),
                new Intake(Intake.Channel.HOTLINE_CALL, ActorRef.staff(StaffId.of("dan"))),
                AWKWARD_TEXT + " " + SUPPLEMENTARY_TEXT,
                Cause.DATABASE_OUTAGE,
                Criticality.CRITICAL,
                Optional.of("submission-" + id.value()),
                raisedAt,
                raisedAt.plusSeconds(3600),
                Optional.of(StaffId.of("sam")),
                Optional.of(plan),
                Optional.of(
                        new PlanProposal(ActorRef.contact(ContactId.of("ina")), proposed, raisedAt.plusSeconds(400))),
                List.of(sam, ina, ext),
                Optional.of(new Resolution("Index rebuilt – “fixed”", raisedAt.plusSeconds(1800), StaffId.of("sam"))),
                Optional.of(new LessonsLearned(
                        LessonsLearned.Status.HELD,
                        Optional.of(raisedAt.plusSeconds(86_400)),
                        List.of(ina, sam),
                        "Monitoring gap\nfound",
                        List.of(
                                new ImprovementAction(
                                        "Alert on replica lag",
                                        "sam",
                                        Optional.of(raisedAt.plusSeconds(604_800)),
                                        ImprovementAction.Status.OPEN),
                                new ImprovementAction("Runbook " + SUPPLEMENTARY_TEXT, "ina")),
                        "note ✓")),
                Optional.of(new PolicyRef("standard-sla", 3)),
                Optional.of(new HotlineAdvice(
                        HotlineAdvice.Reason.PUBLIC_HOLIDAY,
                        hotlineParams,
                        raisedAt.plusSeconds(172_800),
                        List.of(
                                new HotlineNumber("Germany", "+49 911 2399 110"),
                                new HotlineNumber("USA", "+1 415-363-5510")))),
                facts,
                Optional.empty());
    }

    /**
     * Progress entries (sequences from 1; a write renumbers them) that together hold every {@link EntryParam}
     * variant, both visibilities, every kind of actor, free text present, empty and absent, parameters in an order
     * that is not alphabetical, an empty parameter map, a count beyond 2^53 and an audit-chain link present and
     * absent. Every instant is {@code at} plus whole seconds.
     *
     * @param at the first entry's instant
     * @return the entries, in sequence order
     */
    public static List<StoredEntry> everyKindOfEntry(Instant at) {
        List<StoredEntry> entries = new ArrayList<>();
        entries.add(entry(
                at,
                ProgressKind.ESCALATED,
                ActorRef.contact(ContactId.of("ina")),
                Visibility.CUSTOMER,
                Optional.of(AWKWARD_TEXT),
                params(
                        "cause", code("DATABASE_OUTAGE"),
                        "criticality", code("CRITICAL"),
                        "intake", code("HOTLINE_CALL"),
                        "recordedBy", new EntryParam.Ref("dan"))));
        entries.add(entry(
                at.plusSeconds(60),
                ProgressKind.ACKNOWLEDGED,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                Optional.empty(),
                params("manager", new EntryParam.Ref("sam"))));
        entries.add(entry(
                at.plusSeconds(120),
                ProgressKind.PLAN_AGREED,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                Optional.empty(),
                params(
                        "frequency",
                        new EntryParam.Span(Duration.ofHours(4).plusMillis(250)),
                        "channel",
                        code("VIDEO_CALL"),
                        "firstMeetingAt",
                        new EntryParam.At(at.plusSeconds(7200)),
                        "agreement",
                        code("CONFIRMED"))));
        entries.add(entry(
                at.plusSeconds(180),
                ProgressKind.PARTICIPANT_ADDED,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                Optional.empty(),
                params(
                        "participant", new EntryParam.Ref("ext@example.org"),
                        "participantKind", code("EXTERNAL"),
                        "participantName", new EntryParam.Text("Ext " + SUPPLEMENTARY_TEXT))));
        entries.add(new StoredEntry(
                1,
                at.plusSeconds(240),
                ProgressKind.NOTE,
                ActorRef.SYSTEM,
                Visibility.INTERNAL,
                Optional.of(SUPPLEMENTARY_TEXT),
                Map.of(),
                Optional.of(new ChainLink(HASH_A, "0".repeat(64)))));
        entries.add(entry(
                at.plusSeconds(300),
                ProgressKind.LESSONS_LEARNED_SCHEDULED,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                Optional.of(""),
                params(
                        "at", new EntryParam.At(at.plusSeconds(86_400)),
                        "duration", new EntryParam.Span(Duration.ofMinutes(45)),
                        "sequence", new EntryParam.Count(0))));
        entries.add(entry(
                at.plusSeconds(360),
                ProgressKind.LESSONS_LEARNED_HELD,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.INTERNAL,
                Optional.of("Monitoring gap\r\nfound"),
                params("zeta", new EntryParam.Count(-7), "actions", new EntryParam.Count(LARGE_COUNT))));
        entries.add(new StoredEntry(
                1,
                at.plusSeconds(420),
                ProgressKind.LEGACY_TEXT,
                ActorRef.contact(ContactId.of("ina")),
                Visibility.CUSTOMER,
                Optional.of("Ina added a note."),
                params(
                        "kind", code("NOTE"),
                        "detail.state", new EntryParam.Text(""),
                        "detail.note", new EntryParam.Text(AWKWARD_TEXT)),
                Optional.of(new ChainLink(HASH_B, HASH_A))));
        return List.copyOf(entries);
    }

    /**
     * One progress entry at sequence 1 (a write renumbers it), without an audit-chain link.
     *
     * @param at         when
     * @param kind       what it records
     * @param actor      who
     * @param visibility who may read it
     * @param text       the free text, if any
     * @param params     the parameters, in order
     * @return the entry
     */
    public static StoredEntry entry(
            Instant at,
            ProgressKind kind,
            ActorRef actor,
            Visibility visibility,
            Optional<String> text,
            Map<String, EntryParam> params) {
        return new StoredEntry(1, at, kind, actor, visibility, text, params, Optional.empty());
    }

    /**
     * A status update by staff member {@code sam} with a text and a {@code state} parameter, at sequence 1.
     *
     * @param at         when
     * @param visibility who may read it
     * @param text       the text
     * @return the entry
     */
    public static StoredEntry update(Instant at, Visibility visibility, String text) {
        return entry(
                at,
                ProgressKind.STATUS_UPDATE,
                ActorRef.staff(StaffId.of("sam")),
                visibility,
                Optional.of(text),
                params("note", code("UPDATE")));
    }

    /**
     * Parameters in the given order.
     *
     * @param namesAndValues name, value, name, value, …
     * @return an ordered map
     */
    public static Map<String, EntryParam> params(Object... namesAndValues) {
        Map<String, EntryParam> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (EntryParam) namesAndValues[i + 1]);
        }
        return m;
    }

    private static EntryParam code(String value) {
        return new EntryParam.Code(value);
    }

    /**
     * The same entry at another sequence.
     *
     * @param e        the entry
     * @param sequence the sequence
     * @return the copy
     */
    public static StoredEntry withSequence(StoredEntry e, long sequence) {
        return new StoredEntry(sequence, e.at(), e.kind(), e.actor(), e.visibility(), e.text(), e.params(), e.chain());
    }

    /**
     * Facts with another entry count.
     *
     * @param f          the facts
     * @param entryCount the count
     * @return the copy
     */
    public static EscalationFacts withEntryCount(EscalationFacts f, long entryCount) {
        return new EscalationFacts(
                entryCount,
                f.acknowledgedAt(),
                f.resolvedAt(),
                f.pausedSince(),
                f.pauseReason(),
                f.excluded(),
                f.lastMeetingHeldAt(),
                f.nextMeetingAt(),
                f.nextDeadline(),
                f.openImprovementActions(),
                f.invitations(),
                f.legacy(),
                f.lastContactAt(),
                f.planInvitations(),
                f.chainHead());
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * A builder of the write that creates {@code first} (its version is set to 1). Without entries of its own the
     * write holds one {@link ProgressKind#ESCALATED} entry by the escalation's {@code raisedBy}.
     *
     * @param first the escalation to create
     * @return the builder
     */
    public static WriteBuilder creation(StoredEscalation first) {
        return new WriteBuilder(first, true);
    }

    /**
     * A builder of the write that changes {@code current}: the next version, {@code updatedAt} one second later
     * unless set, no entry unless added.
     *
     * @param current the escalation as stored
     * @return the builder
     */
    public static WriteBuilder change(StoredEscalation current) {
        return new WriteBuilder(current, false);
    }

    /**
     * The write that creates {@code first} with one ESCALATED entry and nothing else.
     *
     * @param first the escalation
     * @return the write
     */
    public static EscalationWrite creationOf(StoredEscalation first) {
        return creation(first).build();
    }

    /**
     * The next version of {@code current} in {@code state} at {@code at}, with one customer-visible status update.
     *
     * @param current the escalation as stored
     * @param state   the new state
     * @param at      when
     * @param text    the update's text
     * @return the write
     */
    public static EscalationWrite next(StoredEscalation current, EscalationState state, Instant at, String text) {
        return change(current)
                .at(at)
                .state(state)
                .entry(update(at, Visibility.CUSTOMER, text))
                .build();
    }

    // ------------------------------------------------------------------------------------------------ side effects

    /**
     * A party with a derived display name and e-mail address.
     *
     * @param kind the kind
     * @param id   the id; also the local part of the e-mail address
     * @return the party
     */
    public static Party party(Party.Kind kind, String id) {
        return new Party(kind, id, "Name of " + id, id + "@example.org");
    }

    /**
     * A notification request to {@code recipient} on the recipient's preferred channel.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param recipient  to whom
     * @return the request
     */
    public static NotificationRequest request(String key, EscalationId escalation, Party recipient) {
        return request(key, escalation, recipient, Optional.empty());
    }

    /**
     * A notification request to {@code recipient}.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param recipient  to whom
     * @param channel    a fixed channel, or empty for the preferred one
     * @return the request
     */
    public static NotificationRequest request(
            String key, EscalationId escalation, Party recipient, Optional<DeliveryChannel> channel) {
        return new NotificationRequest(
                key,
                escalation,
                CaseId.of("case-of-" + escalation.value()),
                NotificationKind.PROGRESS_UPDATE,
                channel,
                recipient,
                params("state", code("ACTIVE"), "at", new EntryParam.At(T0)),
                Optional.of("Body " + key),
                Optional.empty());
    }

    /**
     * An outbox message for any effect, due at {@code createdAt}, whose id is {@code "msg-" + key}.
     *
     * @param customer  the tenant
     * @param effect    the effect
     * @param createdAt when it is written
     * @return the message
     */
    public static OutboxMessage message(CustomerId customer, SideEffect effect, Instant createdAt) {
        return OutboxMessage.pending(MessageId.of("msg-" + effect.idempotencyKey()), customer, effect, createdAt);
    }

    /**
     * An outbox message carrying a notification request to contact {@code ina}, due at {@code createdAt}.
     *
     * @param customer   the tenant
     * @param escalation the escalation
     * @param key        the idempotency key
     * @param createdAt  when it is written
     * @return the message
     */
    public static OutboxMessage notificationMessage(
            CustomerId customer, EscalationId escalation, String key, Instant createdAt) {
        return message(customer, request(key, escalation, party(Party.Kind.CONTACT, "ina")), createdAt);
    }

    /**
     * An outbox message carrying a ticket update, due at {@code createdAt}.
     *
     * @param customer   the tenant
     * @param escalation the escalation
     * @param key        the idempotency key
     * @param createdAt  when it is written
     * @return the message
     */
    public static OutboxMessage ticketMessage(
            CustomerId customer, EscalationId escalation, String key, Instant createdAt) {
        return message(customer, postUpdate(key, escalation, "update " + key), createdAt);
    }

    /**
     * An outbox message opening the escalation's ticket, due at {@code createdAt}.
     *
     * @param customer   the tenant
     * @param escalation the escalation
     * @param key        the idempotency key
     * @param createdAt  when it is written
     * @return the message
     */
    public static OutboxMessage openMessage(
            CustomerId customer, EscalationId escalation, String key, Instant createdAt) {
        return message(customer, open(key, escalation), createdAt);
    }

    /**
     * A rendered notification to {@code recipient} by e-mail, in English and UTC.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param recipient  to whom
     * @param subject    the subject
     * @param body       the body
     * @return the notification
     */
    public static Notification notification(
            String key, EscalationId escalation, Party recipient, String subject, String body) {
        return notification(key, escalation, recipient, subject, body, DeliveryChannel.EMAIL);
    }

    /**
     * A rendered notification to {@code recipient} on a channel, in English and UTC.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param recipient  to whom
     * @param subject    the subject
     * @param body       the body
     * @param channel    the channel
     * @return the notification
     */
    public static Notification notification(
            String key,
            EscalationId escalation,
            Party recipient,
            String subject,
            String body,
            DeliveryChannel channel) {
        return new Notification(
                key,
                escalation,
                CaseId.of("case-of-" + escalation.value()),
                NotificationKind.PROGRESS_UPDATE,
                channel,
                recipient,
                Locale.ENGLISH,
                ZoneId.of("UTC"),
                subject,
                body,
                params("state", code("ACTIVE")),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A rendered notification carrying a meeting invitation (the lessons-learned invitation), by e-mail.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param recipient  to whom
     * @param start      when the meeting starts
     * @return the notification
     */
    public static Notification invitation(String key, EscalationId escalation, Party recipient, Instant start) {
        MeetingInvite invite = new MeetingInvite(
                "uid-" + escalation.value(),
                "Lessons learned",
                start,
                Duration.ofMinutes(45),
                party(Party.Kind.STAFF, "sam"),
                List.of(recipient),
                0);
        return new Notification(
                key,
                escalation,
                CaseId.of("case-of-" + escalation.value()),
                NotificationKind.LESSONS_LEARNED_INVITATION,
                DeliveryChannel.EMAIL,
                recipient,
                Locale.GERMAN,
                ZoneId.of("Europe/Berlin"),
                "Invitation " + key,
                "Please join",
                params("at", new EntryParam.At(start)),
                Optional.empty(),
                Optional.of(invite));
    }

    /**
     * A due item with the conventional key.
     *
     * @param escalation the escalation
     * @param customer   the tenant
     * @param kind       the deadline
     * @param step       the step
     * @param dueAt      when it becomes due
     * @return the item
     */
    public static DueItem dueItem(
            EscalationId escalation, CustomerId customer, DueKind kind, String step, Instant dueAt) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("step", step);
        data.put("level", "1");
        return new DueItem(DueItem.keyOf(escalation, kind, step, dueAt), escalation, customer, kind, step, dueAt, data);
    }

    /**
     * A command opening the escalation's ticket.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @return the command
     */
    public static TicketCommand.Open open(String key, EscalationId escalation) {
        return new TicketCommand.Open(
                key,
                escalation,
                CustomerId.of("customer-of-" + escalation.value()),
                CaseId.of("case-of-" + escalation.value()),
                "Escalation " + escalation.value(),
                AWKWARD_TEXT,
                Criticality.HIGH);
    }

    /**
     * A command adding a participant.
     *
     * @param key         the idempotency key
     * @param escalation  the escalation
     * @param participant who
     * @return the command
     */
    public static TicketCommand.AddParticipant addParticipant(String key, EscalationId escalation, Party participant) {
        return new TicketCommand.AddParticipant(key, escalation, participant);
    }

    /**
     * A command removing a participant.
     *
     * @param key         the idempotency key
     * @param escalation  the escalation
     * @param participant who
     * @return the command
     */
    public static TicketCommand.RemoveParticipant removeParticipant(
            String key, EscalationId escalation, Party participant) {
        return new TicketCommand.RemoveParticipant(key, escalation, participant);
    }

    /**
     * A command posting a customer-visible update.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param text       the text
     * @return the command
     */
    public static TicketCommand.PostUpdate postUpdate(String key, EscalationId escalation, String text) {
        return new TicketCommand.PostUpdate(key, escalation, text, Visibility.CUSTOMER);
    }

    /**
     * A command changing the ticket's status, without a note.
     *
     * @param key        the idempotency key
     * @param escalation the escalation
     * @param status     the status
     * @return the command
     */
    public static TicketCommand.ChangeStatus changeStatus(String key, EscalationId escalation, TicketStatus status) {
        return new TicketCommand.ChangeStatus(key, escalation, status, "");
    }

    // ------------------------------------------------------------------------------------------------ builders

    /**
     * A mutable builder of {@link StoredEscalation}; {@link #build()} validates through the record's constructor.
     * Not thread-safe.
     */
    public static final class EscalationBuilder {
        private EscalationId id;
        private long version = 1;
        private CustomerId customer;
        private CaseId caseId;
        private EscalationState state = EscalationState.REQUESTED;
        private ContactId raisedBy = ContactId.of("ina");
        private Intake intake = Intake.portal(ContactId.of("ina"));
        private String message = "The database is down";
        private Cause cause = Cause.DATABASE_OUTAGE;
        private Criticality criticality = Criticality.HIGH;
        private Optional<String> submissionKey = Optional.empty();
        private Instant raisedAt = T0;
        private Instant updatedAt = T0;
        private Optional<StaffId> manager = Optional.empty();
        private Optional<CommunicationPlan> plan = Optional.empty();
        private Optional<PlanProposal> proposal = Optional.empty();
        private List<Party> participants = List.of();
        private Optional<Resolution> resolution = Optional.empty();
        private Optional<LessonsLearned> lessonsLearned = Optional.empty();
        private Optional<PolicyRef> policy = Optional.empty();
        private Optional<HotlineAdvice> hotline = Optional.empty();
        private EscalationFacts facts = withEntryCount(EscalationFacts.NONE, 1);
        private Optional<String> ticketReference = Optional.empty();

        private EscalationBuilder(EscalationId id, CustomerId customer, CaseId caseId) {
            this.id = requireNonNull(id, "id");
            this.customer = requireNonNull(customer, "customer");
            this.caseId = requireNonNull(caseId, "caseId");
        }

        private EscalationBuilder(StoredEscalation e) {
            this(e.id(), e.customer(), e.caseId());
            version = e.version();
            state = e.state();
            raisedBy = e.raisedBy();
            intake = e.intake();
            message = e.message();
            cause = e.cause();
            criticality = e.criticality();
            submissionKey = e.submissionKey();
            raisedAt = e.raisedAt();
            updatedAt = e.updatedAt();
            manager = e.manager();
            plan = e.plan();
            proposal = e.proposal();
            participants = e.participants();
            resolution = e.resolution();
            lessonsLearned = e.lessonsLearned();
            policy = e.policy();
            hotline = e.hotline();
            facts = e.facts();
            ticketReference = e.ticketReference();
        }

        /**
         * Sets the id.
         *
         * @param value the id
         * @return this
         */
        public EscalationBuilder id(EscalationId value) {
            this.id = requireNonNull(value, "id");
            return this;
        }

        /**
         * Sets the version.
         *
         * @param value the version, 1 or more
         * @return this
         */
        public EscalationBuilder version(long value) {
            this.version = value;
            return this;
        }

        /**
         * Sets the tenant.
         *
         * @param value the customer
         * @return this
         */
        public EscalationBuilder customer(CustomerId value) {
            this.customer = requireNonNull(value, "customer");
            return this;
        }

        /**
         * Sets the case.
         *
         * @param value the case
         * @return this
         */
        public EscalationBuilder caseId(CaseId value) {
            this.caseId = requireNonNull(value, "caseId");
            return this;
        }

        /**
         * Sets the state.
         *
         * @param value the state
         * @return this
         */
        public EscalationBuilder state(EscalationState value) {
            this.state = requireNonNull(value, "state");
            return this;
        }

        /**
         * Sets who raised it (the Incident Manager) and the portal intake by that contact.
         *
         * @param value the contact
         * @return this
         */
        public EscalationBuilder raisedBy(ContactId value) {
            this.raisedBy = requireNonNull(value, "raisedBy");
            this.intake = Intake.portal(value);
            return this;
        }

        /**
         * Sets the cause.
         *
         * @param value the cause
         * @return this
         */
        public EscalationBuilder cause(Cause value) {
            this.cause = requireNonNull(value, "cause");
            return this;
        }

        /**
         * Sets the criticality.
         *
         * @param value the criticality
         * @return this
         */
        public EscalationBuilder criticality(Criticality value) {
            this.criticality = requireNonNull(value, "criticality");
            return this;
        }

        /**
         * Sets the customer's message.
         *
         * @param value the message
         * @return this
         */
        public EscalationBuilder message(String value) {
            this.message = requireNonNull(value, "message");
            return this;
        }

        /**
         * Sets the portal's submission key.
         *
         * @param value the key
         * @return this
         */
        public EscalationBuilder submissionKey(String value) {
            this.submissionKey = Optional.of(value);
            return this;
        }

        /**
         * Sets when it was raised; {@code updatedAt} follows unless set later.
         *
         * @param value the instant
         * @return this
         */
        public EscalationBuilder raisedAt(Instant value) {
            this.raisedAt = requireNonNull(value, "raisedAt");
            this.updatedAt = value;
            return this;
        }

        /**
         * Sets when it last changed.
         *
         * @param value the instant
         * @return this
         */
        public EscalationBuilder updatedAt(Instant value) {
            this.updatedAt = requireNonNull(value, "updatedAt");
            return this;
        }

        /**
         * Sets the Escalation Manager.
         *
         * @param value the manager, or empty
         * @return this
         */
        public EscalationBuilder manager(Optional<StaffId> value) {
            this.manager = requireNonNull(value, "manager");
            return this;
        }

        /**
         * Sets the agreed plan.
         *
         * @param value the plan, or empty
         * @return this
         */
        public EscalationBuilder plan(Optional<CommunicationPlan> value) {
            this.plan = requireNonNull(value, "plan");
            return this;
        }

        /**
         * Sets the plan proposal.
         *
         * @param value the proposal, or empty
         * @return this
         */
        public EscalationBuilder proposal(Optional<PlanProposal> value) {
            this.proposal = requireNonNull(value, "proposal");
            return this;
        }

        /**
         * Sets the participants.
         *
         * @param value the participants, in the order added
         * @return this
         */
        public EscalationBuilder participants(List<Party> value) {
            this.participants = List.copyOf(value);
            return this;
        }

        /**
         * Sets the resolution.
         *
         * @param value the resolution, or empty
         * @return this
         */
        public EscalationBuilder resolution(Optional<Resolution> value) {
            this.resolution = requireNonNull(value, "resolution");
            return this;
        }

        /**
         * Sets the lessons-learned session.
         *
         * @param value the session, or empty
         * @return this
         */
        public EscalationBuilder lessonsLearned(Optional<LessonsLearned> value) {
            this.lessonsLearned = requireNonNull(value, "lessonsLearned");
            return this;
        }

        /**
         * Sets the SLA policy.
         *
         * @param value the policy, or empty
         * @return this
         */
        public EscalationBuilder policy(Optional<PolicyRef> value) {
            this.policy = requireNonNull(value, "policy");
            return this;
        }

        /**
         * Sets the hotline advice.
         *
         * @param value the advice, or empty
         * @return this
         */
        public EscalationBuilder hotline(Optional<HotlineAdvice> value) {
            this.hotline = requireNonNull(value, "hotline");
            return this;
        }

        /**
         * Sets the derived facts (a write sets their entry count).
         *
         * @param value the facts
         * @return this
         */
        public EscalationBuilder facts(EscalationFacts value) {
            this.facts = requireNonNull(value, "facts");
            return this;
        }

        /**
         * Changes the derived facts.
         *
         * @param change what to change
         * @return this
         */
        public EscalationBuilder facts(UnaryOperator<EscalationFacts> change) {
            this.facts = requireNonNull(change.apply(facts), "facts");
            return this;
        }

        /**
         * Sets the ticket reference (stores ignore it on writes).
         *
         * @param value the reference, or empty
         * @return this
         */
        public EscalationBuilder ticketReference(Optional<String> value) {
            this.ticketReference = requireNonNull(value, "ticketReference");
            return this;
        }

        /**
         * Builds the escalation.
         *
         * @return the escalation
         * @throws NullPointerException     if a component is missing
         * @throws IllegalArgumentException if the version is not positive
         */
        public StoredEscalation build() {
            return new StoredEscalation(
                    id,
                    version,
                    customer,
                    caseId,
                    state,
                    raisedBy,
                    intake,
                    message,
                    cause,
                    criticality,
                    submissionKey,
                    raisedAt,
                    updatedAt,
                    manager,
                    plan,
                    proposal,
                    participants,
                    resolution,
                    lessonsLearned,
                    policy,
                    hotline,
                    facts,
                    ticketReference);
        }
    }

    /**
     * A mutable builder of an {@link EscalationWrite}: the escalation it writes, the entries it appends (renumbered to
     * continue the log), the side effects and the due items. {@link #build()} sets the version (1 for a creation, the
     * current one plus one for a change) and {@code facts().entryCount()}. Not thread-safe.
     */
    public static final class WriteBuilder {
        private final long entriesBefore;
        private final long version;
        private final EscalationBuilder next;
        private final boolean creating;
        private final StoredEscalation base;
        private final List<StoredEntry> entries = new ArrayList<>();
        private final List<OutboxMessage> messages = new ArrayList<>();
        private final List<DueItem> due = new ArrayList<>();

        private WriteBuilder(StoredEscalation base, boolean creating) {
            this.base = requireNonNull(base, "base");
            this.creating = creating;
            this.entriesBefore = creating ? 0 : base.facts().entryCount();
            this.version = creating ? 1 : base.version() + 1;
            this.next = from(base);
            if (!creating) {
                next.updatedAt(base.updatedAt().plusSeconds(1));
            }
        }

        /**
         * Sets the new state.
         *
         * @param state the state
         * @return this
         */
        public WriteBuilder state(EscalationState state) {
            next.state(state);
            return this;
        }

        /**
         * Sets {@code updatedAt}.
         *
         * @param at the instant
         * @return this
         */
        public WriteBuilder at(Instant at) {
            next.updatedAt(at);
            return this;
        }

        /**
         * Changes other components of the written escalation.
         *
         * @param change what to change
         * @return this
         */
        public WriteBuilder with(UnaryOperator<EscalationBuilder> change) {
            change.apply(next);
            return this;
        }

        /**
         * Appends an entry (its sequence is set by {@link #build()}).
         *
         * @param entry the entry
         * @return this
         */
        public WriteBuilder entry(StoredEntry entry) {
            entries.add(requireNonNull(entry, "entry"));
            return this;
        }

        /**
         * Appends entries (their sequences are set by {@link #build()}).
         *
         * @param values the entries, in order
         * @return this
         */
        public WriteBuilder entries(List<StoredEntry> values) {
            values.forEach(this::entry);
            return this;
        }

        /**
         * Queues side effects.
         *
         * @param values the messages
         * @return this
         */
        public WriteBuilder messages(OutboxMessage... values) {
            return messages(List.of(values));
        }

        /**
         * Queues side effects.
         *
         * @param values the messages
         * @return this
         */
        public WriteBuilder messages(List<OutboxMessage> values) {
            messages.addAll(values);
            return this;
        }

        /**
         * Sets (adds to) the escalation's complete set of pending due items.
         *
         * @param values the items
         * @return this
         */
        public WriteBuilder due(DueItem... values) {
            return due(List.of(values));
        }

        /**
         * Sets (adds to) the escalation's complete set of pending due items.
         *
         * @param values the items
         * @return this
         */
        public WriteBuilder due(List<DueItem> values) {
            due.addAll(values);
            return this;
        }

        /**
         * Builds the write.
         *
         * @return the write
         */
        public EscalationWrite build() {
            List<StoredEntry> appended = new ArrayList<>();
            if (creating && entries.isEmpty()) {
                StoredEscalation e = base;
                appended.add(Records.entry(
                        e.raisedAt(),
                        ProgressKind.ESCALATED,
                        ActorRef.contact(e.raisedBy()),
                        Visibility.CUSTOMER,
                        Optional.of(e.message()),
                        params(
                                "cause", code(e.cause().name()),
                                "criticality", code(e.criticality().name()),
                                "intake", code(e.intake().channel().name()))));
            } else {
                appended.addAll(entries);
            }
            long sequence = entriesBefore;
            List<StoredEntry> numbered = new ArrayList<>();
            for (StoredEntry e : appended) {
                numbered.add(withSequence(e, ++sequence));
            }
            long count = sequence;
            StoredEscalation written =
                    next.version(version).facts(f -> withEntryCount(f, count)).build();
            return new EscalationWrite(written, numbered, messages, due);
        }
    }
}
