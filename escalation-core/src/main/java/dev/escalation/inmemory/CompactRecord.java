package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One version of an escalation as the {@link InMemoryEscalationStore} keeps it: the components of
 * {@link StoredEscalation} and its {@link EscalationFacts} in one object, without the two records, without
 * {@link Optional} wrappers (absent is null), the participants without their objects, and with the audit-chain head as
 * 32 bytes instead of 64 hexadecimal characters. {@link #toStored} rebuilds an equal record (with the ticket reference
 * given: the store does not keep one per version), {@link #summary} the list view, {@link #overdueSince} the overdue
 * index's key, without building the record. Immutable.
 */
final class CompactRecord {

    private static final HexFormat HEX = HexFormat.of();
    private static final Object[] NO_PARTIES = {};

    final EscalationId id;
    final long version;
    final CustomerId customer;
    final CaseId caseId;
    final EscalationState state;
    final ContactId raisedBy;
    final Intake intake;
    final String message;
    final Cause cause;
    final Criticality criticality;
    final @Nullable String submissionKey;
    final Instant raisedAt;
    final Instant updatedAt;
    final @Nullable StaffId manager;
    final @Nullable CommunicationPlan plan;
    /** The participants as (kind, id, name, e-mail address) in a row: no {@link Party} and no list kept. */
    private final Object[] participants;

    final @Nullable PolicyRef policy;
    final @Nullable HotlineAdvice hotline;
    // the facts
    final long entryCount;
    final @Nullable Instant acknowledgedAt;
    final @Nullable Instant nextMeetingAt;
    final @Nullable DeadlineMark nextDeadline;
    final boolean legacy;
    final int planInvitations;
    /**
     * The audit-chain head as 32 bytes from {@link #chainAt}, null when there is none: the log's own bytes of its
     * last entry's hash when they are the head (the usual case: no copy), else an array of its own.
     */
    private final byte @Nullable [] chain;

    private final int chainAt;
    /** What most versions lack (null when every part of it is absent, zero or empty). */
    private final @Nullable Rare rare;

    /** The components most versions do not have, kept apart so that a record without them is smaller. */
    private record Rare(
            @Nullable PlanProposal proposal,
            @Nullable Resolution resolution,
            @Nullable LessonsLearned lessonsLearned,
            @Nullable Instant resolvedAt,
            @Nullable Instant pausedSince,
            @Nullable String pauseReason,
            List<ExcludedSpan> excluded,
            @Nullable Instant lastMeetingHeldAt,
            @Nullable Instant lastContactAt,
            int openImprovementActions,
            int invitations) {

        /** The rare part of {@code s}, or null when it has none of it. */
        static @Nullable Rare of(StoredEscalation s) {
            EscalationFacts f = s.facts();
            if (s.proposal().isEmpty()
                    && s.resolution().isEmpty()
                    && s.lessonsLearned().isEmpty()
                    && f.resolvedAt().isEmpty()
                    && f.pausedSince().isEmpty()
                    && f.pauseReason().isEmpty()
                    && f.excluded().isEmpty()
                    && f.lastMeetingHeldAt().isEmpty()
                    && f.lastContactAt().isEmpty()
                    && f.openImprovementActions() == 0
                    && f.invitations() == 0) {
                return null;
            }
            return new Rare(
                    s.proposal().orElse(null),
                    s.resolution().orElse(null),
                    s.lessonsLearned().orElse(null),
                    f.resolvedAt().orElse(null),
                    f.pausedSince().orElse(null),
                    f.pauseReason().orElse(null),
                    f.excluded(),
                    f.lastMeetingHeldAt().orElse(null),
                    f.lastContactAt().orElse(null),
                    f.openImprovementActions(),
                    f.invitations());
        }
    }

    /** The compact form of {@code s} (its ticket reference is not kept), with the chain head of its own. */
    CompactRecord(StoredEscalation s) {
        this(s, null);
    }

    /**
     * The compact form of {@code s} (its ticket reference is not kept); its chain head refers to the bytes of {@code
     * log}'s last hash when it is that hash (the log then holds the head: the record is rebuilt on every write after
     * the log, and the log never changes bytes it wrote).
     */
    CompactRecord(StoredEscalation s, @Nullable CompactLog log) {
        this(s, log, null, null);
    }

    /**
     * As {@link #CompactRecord(StoredEscalation, CompactLog)}, reusing what {@code before} (the version this one
     * follows, or null) holds when it is equal (the participants' row), and told {@code lastHash}, the hash the log's
     * last entry was written from in this write (or null): a head that is that very string is the log's last hash
     * without comparing its digits. An equal record either way.
     */
    CompactRecord(
            StoredEscalation s, @Nullable CompactLog log, @Nullable CompactRecord before, @Nullable String lastHash) {
        this.id = s.id();
        this.version = s.version();
        this.customer = s.customer();
        this.caseId = s.caseId();
        this.state = s.state();
        this.raisedBy = s.raisedBy();
        this.intake = s.intake();
        this.message = s.message();
        this.cause = s.cause();
        this.criticality = s.criticality();
        this.submissionKey = s.submissionKey().orElse(null);
        this.raisedAt = s.raisedAt();
        this.updatedAt = s.updatedAt();
        this.manager = s.manager().orElse(null);
        this.plan = s.plan().orElse(null);
        this.participants = flat(s.participants(), before == null ? null : before.participants);
        this.policy = s.policy().orElse(null);
        this.hotline = s.hotline().orElse(null);
        EscalationFacts f = s.facts();
        this.entryCount = f.entryCount();
        this.acknowledgedAt = f.acknowledgedAt().orElse(null);
        this.nextMeetingAt = f.nextMeetingAt().orElse(null);
        this.nextDeadline = f.nextDeadline().orElse(null);
        this.legacy = f.legacy();
        this.planInvitations = f.planInvitations();
        this.rare = Rare.of(s);
        // the facts accept only 64 lower-case hexadecimal digits: they round-trip through 32 bytes exactly
        String head = f.chainHead().orElse(null);
        int at = head == null || log == null ? -1 : log.lastHashAt();
        // the very string the last entry's hash was written from, else compared digit by digit: no bytes parsed
        if (at >= 0 && (head == lastHash || log.hashIs(head, at))) {
            this.chain = log.data();
            this.chainAt = at;
        } else {
            this.chain = head == null ? null : HEX.parseHex(head);
            this.chainAt = 0;
        }
    }

    /** Whether the audit-chain head is the bytes of {@code log}'s last entry's hash (the log holds them). */
    boolean headIsLastHashOf(CompactLog log) {
        return chain != null && chain == log.data() && chainAt == log.lastHashAt();
    }

    /** The audit-chain head in hexadecimal, or empty. */
    private Optional<String> chainHead() {
        return chain == null ? Optional.empty() : Optional.of(HEX.formatHex(chain, chainAt, chainAt + 32));
    }

    private @Nullable Instant pausedSince() {
        return rare == null ? null : rare.pausedSince;
    }

    /** The stored record, equal to the one this was made of but for {@code ticketReference} (null: none). */
    StoredEscalation toStored(@Nullable String ticketReference) {
        Rare r = rare;
        EscalationFacts facts = new EscalationFacts(
                entryCount,
                Optional.ofNullable(acknowledgedAt),
                Optional.ofNullable(r == null ? null : r.resolvedAt),
                Optional.ofNullable(r == null ? null : r.pausedSince),
                Optional.ofNullable(r == null ? null : r.pauseReason),
                r == null ? List.of() : r.excluded,
                Optional.ofNullable(r == null ? null : r.lastMeetingHeldAt),
                Optional.ofNullable(nextMeetingAt),
                Optional.ofNullable(nextDeadline),
                r == null ? 0 : r.openImprovementActions,
                r == null ? 0 : r.invitations,
                legacy,
                Optional.ofNullable(r == null ? null : r.lastContactAt),
                planInvitations,
                chainHead());
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
                Optional.ofNullable(submissionKey),
                raisedAt,
                updatedAt,
                Optional.ofNullable(manager),
                Optional.ofNullable(plan),
                Optional.ofNullable(r == null ? null : r.proposal),
                parties(),
                Optional.ofNullable(r == null ? null : r.resolution),
                Optional.ofNullable(r == null ? null : r.lessonsLearned),
                Optional.ofNullable(policy),
                Optional.ofNullable(hotline),
                facts,
                Optional.ofNullable(ticketReference));
    }

    /**
     * The participants as a row: {@code previous} itself when it holds exactly these (a write that does not change
     * them makes no new row), else a new one.
     */
    static Object[] flat(List<Party> parties, Object @Nullable [] previous) {
        if (parties.isEmpty()) {
            return NO_PARTIES;
        }
        if (previous != null && previous.length == parties.size() * 4) {
            int i = 0;
            boolean same = true;
            for (Party p : parties) {
                if (!(previous[i] == p.kind()
                        && previous[i + 1].equals(p.id())
                        && previous[i + 2].equals(p.displayName())
                        && previous[i + 3].equals(p.email()))) {
                    same = false;
                    break;
                }
                i += 4;
            }
            if (same) {
                return previous;
            }
        }
        Object[] flat = new Object[parties.size() * 4];
        int i = 0;
        for (Party p : parties) {
            flat[i++] = p.kind();
            flat[i++] = p.id();
            flat[i++] = p.displayName();
            flat[i++] = p.email();
        }
        return flat;
    }

    /** The participants, equal to those written and in their order. */
    List<Party> parties() {
        if (participants.length == 0) {
            return List.of();
        }
        Party[] parties = new Party[participants.length / 4];
        for (int i = 0, k = 0; k < parties.length; k++, i += 4) {
            parties[k] = new Party(
                    (Party.Kind) participants[i], (String) participants[i + 1], (String) participants[i + 2], (String)
                            participants[i + 3]);
        }
        return List.of(parties);
    }

    /** As {@code toStored(ticketReference).summary()}, without building the record. */
    EscalationSummary summary(@Nullable String ticketReference) {
        return new EscalationSummary(
                id,
                version,
                customer,
                caseId,
                state,
                cause,
                criticality,
                raisedBy,
                raisedAt,
                updatedAt,
                Optional.ofNullable(manager),
                Optional.ofNullable(nextDeadline),
                Optional.ofNullable(nextMeetingAt),
                Optional.ofNullable(pausedSince()),
                Optional.ofNullable(ticketReference),
                Optional.ofNullable(hotline));
    }

    /** As {@link OverdueIndex#overdueSince(StoredEscalation)} of the record, without building it. */
    @Nullable
    Instant overdueSince() {
        return overdueSince(state, nextMeetingAt, nextDeadline, pausedSince());
    }

    /**
     * {@link OverdueIndex#overdueSince(StoredEscalation)} of an escalation with these components (null: absent): the
     * rule in one place.
     */
    static @Nullable Instant overdueSince(
            EscalationState state, @Nullable Instant meeting, @Nullable DeadlineMark next, @Nullable Instant paused) {
        if (!state.isOpen()) {
            return null;
        }
        Instant deadline = null;
        if (next != null) {
            // a running pause holds an SLA deadline that fell due after it began (see EscalationSummary)
            if (paused == null
                    || next.kind() == DueKind.NEXT_MEETING
                    || !next.at().isAfter(paused)) {
                deadline = next.at();
            }
        }
        if (deadline == null) {
            return meeting;
        }
        if (meeting == null) {
            return deadline;
        }
        return deadline.isBefore(meeting) ? deadline : meeting;
    }
}
