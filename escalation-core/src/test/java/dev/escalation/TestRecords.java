package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Intake;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stored records for core's properties, which each vary a few components: customer {@code acme}, case {@code C-1},
 * raised by contact {@code ina} in the portal, message {@code "m"}, cause {@code DATABASE_OUTAGE}; no submission key,
 * manager, proposal, participants, resolution, lessons learned, hotline advice or ticket reference. Also a portal
 * message to ina.
 */
public final class TestRecords {
    private TestRecords() {}

    /** A record with the components a property varies; the others as described on the class. */
    public static StoredEscalation record(
            EscalationId id,
            long version,
            EscalationState state,
            Criticality criticality,
            Instant raisedAt,
            Instant updatedAt,
            Optional<CommunicationPlan> plan,
            Optional<PolicyRef> policy,
            EscalationFacts facts) {
        return new StoredEscalation(
                id,
                version,
                CustomerId.of("acme"),
                CaseId.of("C-1"),
                state,
                ContactId.of("ina"),
                Intake.portal(ContactId.of("ina")),
                "m",
                Cause.DATABASE_OUTAGE,
                criticality,
                Optional.empty(),
                raisedAt,
                updatedAt,
                Optional.empty(),
                plan,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                policy,
                Optional.empty(),
                facts,
                Optional.empty());
    }

    /**
     * A copy of {@code r} in which a test changes a few components (the others as {@code r} has them).
     *
     * @param r the record to copy
     * @return the copy to change, then {@link Copy#build}
     */
    public static Copy copy(StoredEscalation r) {
        return new Copy(r);
    }

    /** A copy of a stored record being changed: customer, case, Incident Manager, version and participants. */
    public static final class Copy {
        private final StoredEscalation r;
        private long version;
        private CustomerId customer;
        private CaseId caseId;
        private ContactId raisedBy;
        private List<Party> participants;

        private Copy(StoredEscalation r) {
            this.r = r;
            this.version = r.version();
            this.customer = r.customer();
            this.caseId = r.caseId();
            this.raisedBy = r.raisedBy();
            this.participants = r.participants();
        }

        /** The version. */
        public Copy version(long v) {
            this.version = v;
            return this;
        }

        /** The customer and the case. */
        public Copy customer(CustomerId c, CaseId id) {
            this.customer = c;
            this.caseId = id;
            return this;
        }

        /** The Incident Manager it was raised for. */
        public Copy raisedBy(ContactId c) {
            this.raisedBy = c;
            return this;
        }

        /** The participants. */
        public Copy participants(List<Party> p) {
            this.participants = p;
            return this;
        }

        /** The record. */
        public StoredEscalation build() {
            return new StoredEscalation(
                    r.id(),
                    version,
                    customer,
                    caseId,
                    r.state(),
                    raisedBy,
                    r.intake(),
                    r.message(),
                    r.cause(),
                    r.criticality(),
                    r.submissionKey(),
                    r.raisedAt(),
                    r.updatedAt(),
                    r.manager(),
                    r.plan(),
                    r.proposal(),
                    participants,
                    r.resolution(),
                    r.lessonsLearned(),
                    r.policy(),
                    r.hotline(),
                    r.facts(),
                    r.ticketReference());
        }
    }

    /**
     * A portal message {@code "m-<escalation>"} to contact {@code ina} of {@code acme} about {@code escalation} (case
     * {@code C-1}), in English.
     */
    public static PortalMessage messageToIna(EscalationId escalation, Instant at) {
        return new PortalMessage(
                "m-" + escalation,
                new PartyRef(Party.Kind.CONTACT, "ina"),
                Optional.of(CustomerId.of("acme")),
                escalation,
                CaseId.of("C-1"),
                NotificationKind.ESCALATION_RECEIVED,
                at,
                Locale.ENGLISH,
                "Subject",
                "Body",
                Map.of(),
                Optional.empty());
    }
}
