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
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builders for valid SPI records, for the contracts and for anyone testing an adapter: an escalation with
 * every field populated, its next version, outbox messages, due items, notifications and ticket commands.
 *
 * <p>All methods are pure: they create new immutable values and keep no state. Texts deliberately contain
 * non-ASCII characters, quotes and line breaks, so a round trip through a real backend is a real test of encoding.
 */
public final class Records {

    /** A fixed instant the contracts start from: Friday, 15 January 2027, 09:00 UTC. */
    public static final Instant T0 = Instant.parse("2027-01-15T09:00:00Z");

    /** Text with characters that break naive encodings: umlauts, an emoji, quotes, a line break, a tab. */
    public static final String AWKWARD_TEXT =
            "Datenbank ausgefallen – Grüße aus Köln 🚨 \"quoted\" 'single'\nline 2\ttab";

    private Records() {}

    /**
     * A builder for a minimal valid escalation: version 1, {@link EscalationState#REQUESTED}, one
     * {@link ProgressKind#ESCALATED} entry, no optional part present.
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
     * A builder pre-filled with every component of {@code record}, to change a few.
     *
     * @param record the record to copy
     * @return the builder
     */
    public static EscalationBuilder from(EscalationRecord record) {
        return new EscalationBuilder(record);
    }

    /**
     * An escalation at version 1 in which every optional component is present and every list and map holds
     * several elements: the record a round-trip test needs.
     *
     * @param id       the escalation
     * @param customer the tenant
     * @param caseId   the case
     * @param raisedAt when it was raised; later instants are derived from it
     * @return the record
     */
    public static EscalationRecord fullyPopulated(
            EscalationId id, CustomerId customer, CaseId caseId, Instant raisedAt) {
        Party ina = party(Party.Kind.CONTACT, "ina");
        Party sam = party(Party.Kind.STAFF, "sam");
        Party ext = party(Party.Kind.EXTERNAL, "ext");
        List<ProgressEntry> log = List.of(
                new ProgressEntry(
                        1,
                        raisedAt,
                        ProgressKind.ESCALATED,
                        ActorRef.contact(ContactId.of("ina")),
                        Visibility.CUSTOMER,
                        AWKWARD_TEXT,
                        ordered("cause", "DATABASE_OUTAGE", "criticality", "CRITICAL", "hotline", "+49 6227 7-47474")),
                new ProgressEntry(
                        2,
                        raisedAt.plusSeconds(60),
                        ProgressKind.ACKNOWLEDGED,
                        ActorRef.staff(StaffId.of("sm-1")),
                        Visibility.CUSTOMER,
                        "",
                        ordered("manager", "sam")),
                new ProgressEntry(
                        3,
                        raisedAt.plusSeconds(120),
                        ProgressKind.NOTE,
                        ActorRef.SYSTEM,
                        Visibility.INTERNAL,
                        "internal only",
                        Map.of()));
        return new EscalationRecord(
                id,
                1,
                customer,
                caseId,
                EscalationState.LESSONS_LEARNED,
                ContactId.of("ina"),
                AWKWARD_TEXT,
                Cause.DATABASE_OUTAGE,
                Criticality.CRITICAL,
                Optional.of("submission-" + id.value()),
                raisedAt,
                raisedAt.plusSeconds(3600),
                Optional.of(StaffId.of("sam")),
                Optional.of(new CommunicationPlan(
                        Duration.ofHours(4),
                        Channel.VIDEO_CALL,
                        raisedAt.plusSeconds(7200),
                        raisedAt.plusSeconds(300))),
                List.of(sam, ina, ext),
                Optional.of(new Resolution("Index rebuilt – “fixed”", raisedAt.plusSeconds(1800), StaffId.of("sam"))),
                Optional.of(new LessonsLearned(
                        LessonsLearned.Status.HELD,
                        Optional.of(raisedAt.plusSeconds(86_400)),
                        List.of(ina, sam),
                        "Monitoring gap\nfound",
                        List.of(
                                new ImprovementAction("Alert on replica lag", "sam"),
                                new ImprovementAction("Runbook", "ina")),
                        "note ✓")),
                Optional.of(new PolicyRef("standard-sla", 3)),
                log);
    }

    /**
     * The next version of {@code record}: version + 1, the given state and {@code updatedAt}, and one progress entry
     * appended (sequence continues the log).
     *
     * @param record the current version
     * @param state  the new state
     * @param at     when the change happens
     * @param text   the text of the appended progress entry
     * @return the next version
     */
    public static EscalationRecord next(EscalationRecord record, EscalationState state, Instant at, String text) {
        List<ProgressEntry> log = new ArrayList<>(record.progress());
        log.add(new ProgressEntry(
                log.size() + 1L,
                at,
                ProgressKind.STATUS_UPDATE,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                text,
                ordered("state", state.name())));
        return from(record)
                .version(record.version() + 1)
                .state(state)
                .updatedAt(at)
                .progress(log)
                .build();
    }

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
     * A notification to {@code recipient} with the given subject and body, by e-mail.
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
        return new Notification(
                key,
                escalation,
                CaseId.of("case-of-" + escalation.value()),
                NotificationKind.PROGRESS_UPDATE,
                DeliveryChannel.EMAIL,
                recipient,
                subject,
                body,
                ordered("state", "ACTIVE"),
                Optional.empty());
    }

    /**
     * A notification carrying a meeting invitation (the lessons-learned invitation).
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
                "Invitation " + key,
                "Please join",
                Map.of(),
                Optional.of(invite));
    }

    /**
     * An outbox message carrying a notification, due at {@code createdAt}.
     *
     * @param customer   the tenant
     * @param escalation the escalation
     * @param key        the idempotency key; also the message id
     * @param createdAt  when it is written
     * @return the message
     */
    public static OutboxMessage notificationMessage(
            CustomerId customer, EscalationId escalation, String key, Instant createdAt) {
        return message(
                customer,
                notification(key, escalation, party(Party.Kind.CONTACT, "ina"), "Subject " + key, "Body " + key),
                createdAt);
    }

    /**
     * An outbox message carrying a ticket update, due at {@code createdAt}.
     *
     * @param customer   the tenant
     * @param escalation the escalation
     * @param key        the idempotency key; also the message id
     * @param createdAt  when it is written
     * @return the message
     */
    public static OutboxMessage ticketMessage(
            CustomerId customer, EscalationId escalation, String key, Instant createdAt) {
        return message(customer, postUpdate(key, escalation, "update " + key), createdAt);
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
        return new DueItem(
                DueItem.keyOf(escalation, kind, step, dueAt),
                escalation,
                customer,
                kind,
                step,
                dueAt,
                ordered("step", step));
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

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * A mutable builder of {@link EscalationRecord}; {@link #build()} validates through the record's constructor.
     * Not thread-safe.
     */
    public static final class EscalationBuilder {
        private EscalationId id;
        private long version = 1;
        private CustomerId customer;
        private CaseId caseId;
        private EscalationState state = EscalationState.REQUESTED;
        private ContactId raisedBy = ContactId.of("ina");
        private String message = "The database is down";
        private Cause cause = Cause.DATABASE_OUTAGE;
        private Criticality criticality = Criticality.HIGH;
        private Optional<String> submissionKey = Optional.empty();
        private Instant raisedAt = T0;
        private Instant updatedAt = T0;
        private Optional<StaffId> manager = Optional.empty();
        private Optional<CommunicationPlan> plan = Optional.empty();
        private List<Party> participants = List.of();
        private Optional<Resolution> resolution = Optional.empty();
        private Optional<LessonsLearned> lessonsLearned = Optional.empty();
        private Optional<PolicyRef> policy = Optional.empty();
        private List<ProgressEntry> progress;

        private EscalationBuilder(EscalationId id, CustomerId customer, CaseId caseId) {
            this.id = requireNonNull(id, "id");
            this.customer = requireNonNull(customer, "customer");
            this.caseId = requireNonNull(caseId, "caseId");
        }

        private EscalationBuilder(EscalationRecord r) {
            this(r.id(), r.customer(), r.caseId());
            version = r.version();
            state = r.state();
            raisedBy = r.raisedBy();
            message = r.message();
            cause = r.cause();
            criticality = r.criticality();
            submissionKey = r.submissionKey();
            raisedAt = r.raisedAt();
            updatedAt = r.updatedAt();
            manager = r.manager();
            plan = r.plan();
            participants = r.participants();
            resolution = r.resolution();
            lessonsLearned = r.lessonsLearned();
            policy = r.policy();
            progress = r.progress();
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
         * @param value the manager
         * @return this
         */
        public EscalationBuilder manager(StaffId value) {
            this.manager = Optional.of(value);
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
         * Sets the progress log.
         *
         * @param value the entries, ordered by sequence
         * @return this
         */
        public EscalationBuilder progress(List<ProgressEntry> value) {
            this.progress = List.copyOf(value);
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record
         * @throws NullPointerException     if a component is missing
         * @throws IllegalArgumentException if the version is not positive
         */
        public EscalationRecord build() {
            List<ProgressEntry> log = progress != null
                    ? progress
                    : List.of(new ProgressEntry(
                            1,
                            raisedAt,
                            ProgressKind.ESCALATED,
                            ActorRef.contact(raisedBy),
                            Visibility.CUSTOMER,
                            message,
                            Map.of()));
            return new EscalationRecord(
                    id,
                    version,
                    customer,
                    caseId,
                    state,
                    raisedBy,
                    message,
                    cause,
                    criticality,
                    submissionKey,
                    raisedAt,
                    updatedAt,
                    manager,
                    plan,
                    participants,
                    resolution,
                    lessonsLearned,
                    policy,
                    log);
        }
    }
}
