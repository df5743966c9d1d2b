package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A typed due step survives the store: the item the planner writes is read back as the same step. */
class DueStepTest {
    private static final EscalationId ID = EscalationId.of("E-1");
    private static final Instant AT = Instant.parse("2027-01-12T09:00:00Z");

    private static DueItem stored(DueKind kind, DueStep step, Map<String, String> data) {
        return new DueItem(
                DueItem.keyOf(ID, kind, step.name(), AT), ID, CustomerId.of("acme"), kind, step.name(), AT, data);
    }

    @Test
    void everyPlannedStepIsReadBackWithItsRecipients() {
        for (DueStep step :
                List.of(DueStep.MEETING_REMINDER, DueStep.STAFF_MEETING_REMINDER, DueStep.CUSTOMER_MEETING_REMINDER)) {
            assertThat(DueStep.of(stored(DueKind.NEXT_MEETING, step, step.marker())))
                    .isEqualTo(step);
        }
        for (DueStep step : List.of(DueStep.WARNING, DueStep.BREACH, DueStep.repeat(1), DueStep.repeat(3))) {
            assertThat(DueStep.of(stored(DueKind.RESOLUTION, step, Map.of("dueAt", AT.toString()))))
                    .isEqualTo(step);
        }
    }

    @Test
    void recipientsDecideTheNotification() {
        assertThat(DueStep.WARNING.recipients()).isEqualTo(DueStep.Recipients.MANAGER_OR_SUPPORT_MANAGEMENT);
        assertThat(DueStep.WARNING.notification()).isEqualTo(NotificationKind.REMINDER);
        assertThat(DueStep.repeat(2).recipients()).isEqualTo(DueStep.Recipients.NEXT_LEVEL);
        assertThat(DueStep.BREACH.notification()).isEqualTo(NotificationKind.DEADLINE_BREACHED);
        assertThat(DueStep.CUSTOMER_MEETING_REMINDER.recipients()).isEqualTo(DueStep.Recipients.INCIDENT_MANAGER);
        assertThat(DueStep.STAFF_MEETING_REMINDER.recipients()).isEqualTo(DueStep.Recipients.ESCALATION_MANAGER);
    }

    @Test
    void aMeetingReminderStoredWithoutAudienceGoesToBothSides() {
        DueItem legacy = stored(DueKind.NEXT_MEETING, DueStep.MEETING_REMINDER, Map.of());
        assertThat(DueStep.of(legacy).recipients()).isEqualTo(DueStep.Recipients.MEETING_ATTENDEES);
    }
}
