package dev.escalation;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The next version of an escalation while a command builds it inside its unit of work: the changed fields, the new
 * structured log entries with the facts they change, and the side effects; {@link #finish} plans the due work and
 * returns the write. Idempotency keys are {@code escalation/version/n}: stable because the outbox stores them, unique
 * because versions are. Reads no port.
 */
final class Draft {
    final StoredEscalation base;
    final Instant now;
    private final long baseVersion;
    EscalationState state;
    Criticality criticality;
    Optional<StaffId> manager;
    Optional<CommunicationPlan> plan;
    Optional<PlanProposal> proposal;
    List<Party> participants;
    Optional<Resolution> resolution;
    Optional<LessonsLearned> lessonsLearned;
    Optional<PolicyRef> policy;
    int openImprovementActions;

    private long entryCount;
    private Optional<Instant> acknowledgedAt;
    private Optional<Instant> resolvedAt;
    private Optional<Instant> pausedSince;
    private Optional<String> pauseReason;
    /** Immutable: replaced, not changed, so the facts take it without a copy. */
    private List<ExcludedSpan> excluded;

    private Optional<Instant> lastMeetingHeldAt;
    private int invitations;
    private Optional<Instant> lastContactAt;
    private int planInvitations;
    /** The new entries as logged; linked (or made unlinked) once, by the write. */
    private final List<LoggedEntry> logged = new ArrayList<>(2);
    /** In order; with the audit trail on, a contact's notification is {@link AuditHeads.Unstamped} until written. */
    private final List<Object> effects = new ArrayList<>(4);

    private @Nullable String keyPrefix; // "escalation/version/" of the effects' keys, made at the first key
    /** The audit chain and the keys read for this command, when the audit trail is on. */
    @Nullable
    AuditChain chain;

    /** The keys read for this command (set with {@link #chain}; none read when null). */
    AuditChain.@Nullable Keys keys;

    /** What a command wrote: the state before, the new version and the entries it appended (for events and views). */
    record Written(EscalationState from, StoredEscalation next, List<StoredEntry> entries) {}

    /** The next version of a stored escalation. */
    Draft(StoredEscalation base, Instant now) {
        this(base, base.version(), now);
    }

    /** A new escalation: {@code template} holds its first field values (version 1, no facts). */
    static Draft first(StoredEscalation template, Instant now) {
        return new Draft(template, 0, now);
    }

    private Draft(StoredEscalation base, long baseVersion, Instant now) {
        this.base = base;
        this.baseVersion = baseVersion;
        this.now = now;
        this.state = base.state();
        this.criticality = base.criticality();
        this.manager = base.manager();
        this.plan = base.plan();
        this.proposal = base.proposal();
        this.participants = base.participants();
        this.resolution = base.resolution();
        this.lessonsLearned = base.lessonsLearned();
        this.policy = base.policy();
        EscalationFacts f = base.facts();
        this.entryCount = f.entryCount();
        this.acknowledgedAt = f.acknowledgedAt();
        this.resolvedAt = f.resolvedAt();
        this.pausedSince = f.pausedSince();
        this.pauseReason = f.pauseReason();
        this.excluded = f.excluded();
        this.lastMeetingHeldAt = f.lastMeetingHeldAt();
        this.openImprovementActions = f.openImprovementActions();
        this.invitations = f.invitations();
        this.lastContactAt = f.lastContactAt();
        this.planInvitations = f.planInvitations();
    }

    long nextVersion() {
        return baseVersion + 1;
    }

    /** Invitations sent before this draft: the iCalendar SEQUENCE of the next one. */
    int invitationsSent() {
        return invitations;
    }

    /**
     * The iCalendar SEQUENCE of a plan series invitation sent with this draft, if its active plan changed (each call
     * counts one invitation), else empty.
     */
    Optional<Integer> planInvitation() {
        // the same Optional as the base's (most commands leave the plan alone): unchanged, without reading it
        Optional<CommunicationPlan> before = base.plan();
        if (state == EscalationState.ACTIVE && plan != before && plan.isPresent() && !plan.equals(before)) {
            return Optional.of(planInvitations++);
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ the log and the facts it changes

    /** Appends an entry and updates the facts it changes. */
    Draft log(
            ProgressKind kind,
            ActorRef actor,
            Visibility visibility,
            Optional<String> text,
            Map<String, EntryParam> params) {
        logged.add(new LoggedEntry(++entryCount, now, kind, actor, visibility, text, params));
        switch (kind) {
            case ACKNOWLEDGED -> acknowledgedAt = acknowledgedAt.or(() -> Optional.of(now));
            case CLOCK_PAUSED -> {
                pausedSince = Optional.of(now);
                pauseReason = text;
            }
            case CLOCK_RESUMED -> closePause();
            case RESOLVED -> {
                closePause();
                resolvedAt = Optional.of(now);
            }
            case REOPENED ->
                resolvedAt.ifPresent(r -> exclude(r, ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED, Optional.empty()));
            case MEETING_HELD -> lastMeetingHeldAt = Optional.of(now);
            // a plan agreed now counts meetings held from now on (one held at this very instant still counts)
            case PLAN_AGREED, PLAN_AMENDED -> lastMeetingHeldAt = lastMeetingHeldAt.filter(t -> !t.isBefore(now));
            // a cancellation revises the invitation too: a later invitation needs a higher SEQUENCE
            case LESSONS_LEARNED_SCHEDULED, LESSONS_LEARNED_CANCELLED -> invitations++;
            default -> {}
        }
        return this;
    }

    private void closePause() {
        if (pausedSince.isPresent()) {
            exclude(pausedSince.get(), ExcludedSpan.Kind.PAUSED, pauseReason);
            pausedSince = Optional.empty();
            pauseReason = Optional.empty();
        }
    }

    /** Excludes {@code start} to now: an empty span if the clock went back since (never one that ends before it starts). */
    private void exclude(Instant start, ExcludedSpan.Kind kind, Optional<String> reason) {
        List<ExcludedSpan> copy = new ArrayList<>(excluded.size() + 1);
        copy.addAll(excluded);
        copy.add(new ExcludedSpan(start, now.isBefore(start) ? start : now, kind, reason));
        excluded = List.copyOf(copy);
    }

    /** A person's optional words: empty for null or empty. */
    static Optional<String> text(@Nullable String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Entry or notification parameters from name-value pairs, in order. */
    static Map<String, EntryParam> params(Object... pairs) {
        ParamArray map = new ParamArray(pairs.length / 2); // a LinkedHashMap's put, one array for all pairs
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (EntryParam) pairs[i + 1]);
        }
        return map;
    }

    // ------------------------------------------------------------------ side effects

    private String nextKey() {
        String prefix = keyPrefix != null ? keyPrefix : (keyPrefix = base.id().value() + "/" + nextVersion() + "/");
        return prefix + (effects.size() + 1);
    }

    Draft notify(
            NotificationKind kind,
            Party recipient,
            Map<String, EntryParam> params,
            Optional<String> text,
            Optional<MeetingInvite> invite) {
        effects.add(notification(kind, recipient, params, text, invite));
        return this;
    }

    /** A notification as an effect; with the audit trail on, a contact's stays unstamped until the write. */
    private Object notification(
            NotificationKind kind,
            Party recipient,
            Map<String, EntryParam> params,
            Optional<String> text,
            Optional<MeetingInvite> invite) {
        String key = nextKey();
        return chain != null && recipient.kind() == Party.Kind.CONTACT
                ? new AuditHeads.Unstamped(key, kind, recipient, params, text, invite)
                : new NotificationRequest(
                        key, base.id(), base.caseId(), kind, Optional.empty(), recipient, params, text, invite);
    }

    /** Notifies each recipient, with the state and criticality after the change added to {@code params}. */
    Draft notifyAll(
            NotificationKind kind, List<Party> recipients, Map<String, EntryParam> params, Optional<String> text) {
        Map<String, EntryParam> all = ParamArray.copyOf(params, 2);
        all.put("state", EntryParam.Code.of(state));
        all.put("criticality", EntryParam.Code.of(criticality));
        Map<String, EntryParam> shared = all;
        for (Party p : recipients) {
            Object effect = notification(kind, p, shared, text, Optional.empty());
            effects.add(effect);
            if (effect instanceof NotificationRequest r) {
                shared = r.params(); // immutable: the other recipients' requests share it (and its cached hash)
            }
        }
        return this;
    }

    Draft ticketOpen(String subject, String description) {
        effects.add(new TicketCommand.Open(
                nextKey(), base.id(), base.customer(), base.caseId(), subject, description, criticality));
        return this;
    }

    Draft ticketUpdate(String text, Visibility visibility) {
        effects.add(new TicketCommand.PostUpdate(nextKey(), base.id(), text, visibility));
        return this;
    }

    Draft ticketAdd(Party participant) {
        effects.add(new TicketCommand.AddParticipant(nextKey(), base.id(), participant));
        return this;
    }

    Draft ticketRemove(Party participant) {
        effects.add(new TicketCommand.RemoveParticipant(nextKey(), base.id(), participant));
        return this;
    }

    Draft ticketStatus(TicketStatus status, String note) {
        effects.add(new TicketCommand.ChangeStatus(nextKey(), base.id(), status, note));
        return this;
    }

    /** Adds a participant unless listed: a contact and a staff member of one id are two people ({@link Parties}). */
    Draft addParticipant(Party party) {
        if (!Parties.has(participants, party)) {
            List<Party> copy = new ArrayList<>(participants.size() + 1);
            copy.addAll(participants);
            copy.add(party);
            participants = List.copyOf(copy); // immutable: the record takes it without a copy
        }
        return this;
    }

    /** Removes the participant of {@code party}'s kind and id, not another kind's party of that id. */
    Draft removeParticipant(Party party) {
        if (Parties.has(participants, party)) {
            List<Party> copy = new ArrayList<>(participants);
            copy.removeIf(p -> Parties.same(p, party));
            participants = List.copyOf(copy);
        }
        return this;
    }

    // ------------------------------------------------------------------ the write

    /**
     * Plans the due work of the next version (asking {@code lookups} for the customer's calendar only if a deadline
     * needs it) and decides the write.
     */
    Decision<Written> finish(DuePlanner planner, Lookups lookups) {
        EscalationWrite write = write(planner, lookups);
        return Decision.write(write, new Written(base.state(), write.next(), write.entries())); // already a copy
    }

    EscalationWrite write(DuePlanner planner, Lookups lookups) {
        List<StoredEntry> entries = chain == null
                ? LoggedEntry.unchained(logged)
                : chain.link(base, logged, keys != null ? keys : new AuditChain.Keys());
        Optional<String> head = entries.isEmpty()
                ? base.facts().chainHead()
                : entries.get(entries.size() - 1).chain().map(dev.escalation.spi.ChainLink::hash);
        for (StoredEntry e : entries) {
            if (planner.sla().isContact(policy, e)) {
                lastContactAt = Optional.of(e.at());
            }
        }
        Optional<Instant> nextMeeting = state == EscalationState.ACTIVE && plan.isPresent()
                ? Optional.of(planner.sla().nextMeeting(lastMeetingHeldAt, plan.get()))
                : Optional.empty();
        // the planner reads what the record will hold (its SLA facts): the record is built once, with the deadline
        SlaSubject subject = new SlaSubject(
                Optional.of(base.id()),
                state,
                criticality,
                base.raisedAt(),
                policy,
                plan,
                acknowledgedAt,
                resolvedAt,
                lastMeetingHeldAt,
                excluded,
                pausedSince,
                pauseReason,
                lastContactAt);
        var calendar = lookups.calendarLater(base.customer()); // for the planner and the metric rows
        DuePlanner.Plan due = planner.plan(subject, base.id(), base.customer(), lessonsLearned, now, calendar);
        StoredEscalation next = build(nextMeeting, due.nextDeadline(), head);
        return new EscalationWrite(
                next,
                entries,
                AuditHeads.messages(effects, chain == null ? Optional.empty() : head, entryCount, base, now),
                due.items(),
                MetricRows.of(planner.sla(), base, next, entries, now, calendar));
    }

    /** The next version as stored: the draft's fields and facts. */
    private StoredEscalation build(
            Optional<Instant> nextMeeting,
            Optional<dev.escalation.model.DeadlineMark> nextDeadline,
            Optional<String> head) {
        return new StoredEscalation(
                base.id(),
                nextVersion(),
                base.customer(),
                base.caseId(),
                state,
                base.raisedBy(),
                base.intake(),
                base.message(),
                base.cause(),
                criticality,
                base.submissionKey(),
                base.raisedAt(),
                now,
                manager,
                plan,
                proposal,
                participants,
                resolution,
                lessonsLearned,
                policy,
                base.hotline(),
                new EscalationFacts(
                        entryCount,
                        acknowledgedAt,
                        resolvedAt,
                        pausedSince,
                        pauseReason,
                        excluded,
                        lastMeetingHeldAt,
                        nextMeeting,
                        nextDeadline,
                        openImprovementActions,
                        invitations,
                        base.facts().legacy(),
                        lastContactAt,
                        planInvitations,
                        head),
                base.ticketReference());
    }
}
