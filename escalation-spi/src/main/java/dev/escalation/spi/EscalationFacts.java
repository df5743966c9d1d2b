package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.DeadlineMark;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Facts the engine derives from an escalation's history and stores with every version, so that no command and no
 * list ever reads the progress log. Stores persist every component unchanged; {@link #nextDeadline()},
 * {@link #nextMeetingAt()} and {@link #pausedSince()} are what desk queries filter and sort by.
 *
 * @param entryCount             the number of progress entries (the sequence of the last one); 0 only before the first
 *                               write
 * @param acknowledgedAt         when an Escalation Manager was first appointed
 * @param resolvedAt             when it was last resolved
 * @param pausedSince            when the SLA clock was paused, while it is paused
 * @param pauseReason            the reason given for the running pause (personal data)
 * @param excluded               closed spans excluded from SLA time, in order
 * @param lastMeetingHeldAt      the last meeting held under the current plan
 * @param nextMeetingAt          the next meeting of the agreed plan, while active
 * @param nextDeadline           the earliest unmet SLA deadline
 * @param openImprovementActions improvement actions not done or dropped
 * @param invitations            lessons-learned invitations sent so far (the next invitation's iCalendar SEQUENCE)
 * @param legacy                 {@code true} for an escalation written by 0.1.0 whose facts were derived on upgrade
 *                               from its 0.1.0 log
 * @param lastContactAt          the last entry that counts as customer contact under its SLA policy
 * @param planInvitations        meeting-series invitations of the communication plan sent so far (the next one's
 *                               iCalendar SEQUENCE)
 * @param chainHead              the audit-chain hash of the last entry, once the audit trail is on (the previous
 *                               hash of the next entry; see {@link ChainLink})
 */
public record EscalationFacts(
        long entryCount,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> pausedSince,
        Optional<String> pauseReason,
        List<ExcludedSpan> excluded,
        Optional<Instant> lastMeetingHeldAt,
        Optional<Instant> nextMeetingAt,
        Optional<DeadlineMark> nextDeadline,
        int openImprovementActions,
        int invitations,
        boolean legacy,
        Optional<Instant> lastContactAt,
        int planInvitations,
        Optional<String> chainHead) {

    /** The facts of an escalation before its first entry. */
    public static final EscalationFacts NONE = new EscalationFacts(
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            false,
            Optional.empty(),
            0,
            Optional.empty());

    /**
     * Validates and copies the components.
     *
     * @param entryCount the number of progress entries (the sequence of the last one); 0 only before the first
     *     write
     * @param acknowledgedAt when an Escalation Manager was first appointed
     * @param resolvedAt when it was last resolved
     * @param pausedSince when the SLA clock was paused, while it is paused
     * @param pauseReason the reason given for the running pause (personal data)
     * @param excluded closed spans excluded from SLA time, in order
     * @param lastMeetingHeldAt the last meeting held under the current plan
     * @param nextMeetingAt the next meeting of the agreed plan, while active
     * @param nextDeadline the earliest unmet SLA deadline
     * @param openImprovementActions improvement actions not done or dropped
     * @param invitations lessons-learned invitations sent so far (the next invitation's iCalendar SEQUENCE)
     * @param legacy {@code true} for an escalation written by 0.1.0 whose facts were derived on upgrade
     *     from its 0.1.0 log
     * @param lastContactAt the last entry that counts as customer contact under its SLA policy
     * @param planInvitations meeting-series invitations of the communication plan sent so far
     * @param chainHead the audit-chain hash of the last entry, once the audit trail is on
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a count is negative or the head is not a hash
     */
    public EscalationFacts {
        if (entryCount < 0 || openImprovementActions < 0 || invitations < 0 || planInvitations < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        requireNonNull(acknowledgedAt, "acknowledgedAt");
        requireNonNull(resolvedAt, "resolvedAt");
        requireNonNull(pausedSince, "pausedSince");
        requireNonNull(pauseReason, "pauseReason");
        excluded = Copies.list(excluded, "excluded");
        requireNonNull(lastMeetingHeldAt, "lastMeetingHeldAt");
        requireNonNull(nextMeetingAt, "nextMeetingAt");
        requireNonNull(nextDeadline, "nextDeadline");
        requireNonNull(lastContactAt, "lastContactAt");
        if (requireNonNull(chainHead, "chainHead").isPresent()) {
            checkHash(chainHead.get());
        }
    }

    /**
     * As {@link ChainLink} checks a hash, with its check (one pass without a branch per character, no link built): 64
     * lower-case hexadecimal digits. A comparison per character was mispredicted about half of the time on a hash's
     * random digits, once per written version.
     */
    private static void checkHash(String h) {
        if (!ChainLink.isHash(h)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hexadecimal digits");
        }
    }

    /**
     * Facts without a recorded customer contact or plan invitation (as stores written before them read them).
     *
     * @param entryCount the number of progress entries
     * @param acknowledgedAt when an Escalation Manager was first appointed
     * @param resolvedAt when it was last resolved
     * @param pausedSince when the SLA clock was paused, while it is paused
     * @param pauseReason the reason given for the running pause (personal data)
     * @param excluded closed spans excluded from SLA time, in order
     * @param lastMeetingHeldAt the last meeting held under the current plan
     * @param nextMeetingAt the next meeting of the agreed plan, while active
     * @param nextDeadline the earliest unmet SLA deadline
     * @param openImprovementActions improvement actions not done or dropped
     * @param invitations lessons-learned invitations sent so far
     * @param legacy {@code true} for an escalation written by 0.1.0
     */
    public EscalationFacts(
            long entryCount,
            Optional<Instant> acknowledgedAt,
            Optional<Instant> resolvedAt,
            Optional<Instant> pausedSince,
            Optional<String> pauseReason,
            List<ExcludedSpan> excluded,
            Optional<Instant> lastMeetingHeldAt,
            Optional<Instant> nextMeetingAt,
            Optional<DeadlineMark> nextDeadline,
            int openImprovementActions,
            int invitations,
            boolean legacy) {
        this(
                entryCount,
                acknowledgedAt,
                resolvedAt,
                pausedSince,
                pauseReason,
                excluded,
                lastMeetingHeldAt,
                nextMeetingAt,
                nextDeadline,
                openImprovementActions,
                invitations,
                legacy,
                Optional.empty(),
                0,
                Optional.empty());
    }

    /**
     * Facts without an audit-chain head (the shape before the audit trail).
     *
     * @param entryCount the number of progress entries
     * @param acknowledgedAt when an Escalation Manager was first appointed
     * @param resolvedAt when it was last resolved
     * @param pausedSince when the SLA clock was paused, while it is paused
     * @param pauseReason the reason given for the running pause (personal data)
     * @param excluded closed spans excluded from SLA time, in order
     * @param lastMeetingHeldAt the last meeting held under the current plan
     * @param nextMeetingAt the next meeting of the agreed plan, while active
     * @param nextDeadline the earliest unmet SLA deadline
     * @param openImprovementActions improvement actions not done or dropped
     * @param invitations lessons-learned invitations sent so far
     * @param legacy {@code true} for an escalation written by 0.1.0
     * @param lastContactAt the last entry that counts as customer contact under its SLA policy
     * @param planInvitations meeting-series invitations of the communication plan sent so far
     */
    public EscalationFacts(
            long entryCount,
            Optional<Instant> acknowledgedAt,
            Optional<Instant> resolvedAt,
            Optional<Instant> pausedSince,
            Optional<String> pauseReason,
            List<ExcludedSpan> excluded,
            Optional<Instant> lastMeetingHeldAt,
            Optional<Instant> nextMeetingAt,
            Optional<DeadlineMark> nextDeadline,
            int openImprovementActions,
            int invitations,
            boolean legacy,
            Optional<Instant> lastContactAt,
            int planInvitations) {
        this(
                entryCount,
                acknowledgedAt,
                resolvedAt,
                pausedSince,
                pauseReason,
                excluded,
                lastMeetingHeldAt,
                nextMeetingAt,
                nextDeadline,
                openImprovementActions,
                invitations,
                legacy,
                lastContactAt,
                planInvitations,
                Optional.empty());
    }

    /**
     * These facts with another audit-chain head.
     *
     * @param head the hash of the last entry
     * @return the copy
     */
    public EscalationFacts withChainHead(Optional<String> head) {
        return new EscalationFacts(
                entryCount,
                acknowledgedAt,
                resolvedAt,
                pausedSince,
                pauseReason,
                excluded,
                lastMeetingHeldAt,
                nextMeetingAt,
                nextDeadline,
                openImprovementActions,
                invitations,
                legacy,
                lastContactAt,
                planInvitations,
                head);
    }
}
