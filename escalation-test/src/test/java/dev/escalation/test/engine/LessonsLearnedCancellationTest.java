package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Declining a scheduled lessons-learned session cancels its invitation for every attendee (iCalendar
 * {@code METHOD:CANCEL}, the same uid, the next sequence); declining before any session was scheduled cancels nothing.
 */
class LessonsLearnedCancellationTest {

    private final Scenario w = Cast.world();

    private EscalationId resolvedWithParticipantDan() {
        EscalationId id = Cast.active(w);
        w.engine().addParticipant(EVE, AddParticipant.staff(id, "dan"));
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        return id;
    }

    private List<Notification> delivered(NotificationKind kind) {
        return w.notifier().delivered().stream().filter(n -> n.kind() == kind).toList();
    }

    @Test
    void decliningARescheduledSessionCancelsTheLastInvitationForEachAttendee() {
        EscalationId id = resolvedWithParticipantDan();
        Instant first = w.clock().instant().plus(Duration.ofDays(3));
        Instant second = w.clock().instant().plus(Duration.ofDays(4));
        w.engine().scheduleLessonsLearned(EVE, new ScheduleLessonsLearned(id, first, Duration.ofHours(1)));
        w.engine().scheduleLessonsLearned(EVE, new ScheduleLessonsLearned(id, second, Duration.ofHours(1)));
        w.engine().deliverPending();
        List<Notification> invitations = delivered(NotificationKind.LESSONS_LEARNED_INVITATION);
        MeetingInvite last = invitations.get(invitations.size() - 1).invite().orElseThrow();
        assertThat(last.sequence()).isEqualTo(1);
        assertThat(delivered(NotificationKind.LESSONS_LEARNED_CANCELLED)).isEmpty();

        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        w.engine().deliverPending();

        List<Notification> cancellations = delivered(NotificationKind.LESSONS_LEARNED_CANCELLED);
        assertThat(cancellations).extracting(n -> n.recipient().id()).containsExactlyInAnyOrder("ina", "eve", "dan");
        assertThat(cancellations)
                .extracting(n -> n.recipient().id())
                .containsExactlyInAnyOrderElementsOf(
                        last.attendees().stream().map(Party::id).toList());
        assertThat(cancellations).allSatisfy(n -> {
            MeetingInvite cancel = n.invite().orElseThrow();
            assertThat(cancel.method()).isEqualTo(MeetingInvite.Method.CANCEL);
            assertThat(cancel.uid()).isEqualTo(last.uid()).isEqualTo("E-1/lessons-learned");
            assertThat(cancel.sequence()).isEqualTo(last.sequence() + 1);
            assertThat(cancel.start()).isEqualTo(second);
            assertThat(cancel.organizer()).isEqualTo(last.organizer());
            assertThat(cancel.attendees()).isEqualTo(last.attendees());
            assertThat(cancel.title()).isEqualTo(last.title());
            assertThat(cancel.recurrence()).isEmpty();
            assertThat(n.text()).contains("no time");
            assertThat(n.body()).contains("cancelled").contains("no time");
        });
        assertThat(invitations)
                .allSatisfy(n -> assertThat(n.invite().orElseThrow().method()).isEqualTo(MeetingInvite.Method.REQUEST));
    }

    @Test
    void decliningASessionScheduledOnceCancelsWithSequenceOne() {
        EscalationId id = resolvedWithParticipantDan();
        w.engine()
                .scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id, w.clock().instant().plus(Duration.ofDays(3)), Duration.ofMinutes(90)));

        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, null));
        w.engine().deliverPending();

        List<Notification> cancellations = delivered(NotificationKind.LESSONS_LEARNED_CANCELLED);
        assertThat(cancellations).hasSize(3);
        assertThat(cancellations).allSatisfy(n -> {
            MeetingInvite cancel = n.invite().orElseThrow();
            assertThat(cancel.method()).isEqualTo(MeetingInvite.Method.CANCEL);
            assertThat(cancel.uid()).isEqualTo("E-1/lessons-learned");
            assertThat(cancel.sequence()).isEqualTo(1);
            assertThat(cancel.organizer().id()).isEqualTo("eve");
        });
    }

    @Test
    void decliningBeforeAnySessionWasScheduledCancelsNothing() {
        EscalationId id = resolvedWithParticipantDan();

        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        w.engine().deliverPending();

        assertThat(delivered(NotificationKind.LESSONS_LEARNED_CANCELLED)).isEmpty();
        assertThat(w.notifier().delivered().stream()
                        .filter(n -> n.kind() != NotificationKind.MEETING_SERIES_INVITATION) // the plan's series
                        .toList())
                .as("the decline is announced, but no notification carries an invitation or its cancellation")
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.invite()).isEmpty());
    }
}
