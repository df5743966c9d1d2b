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
