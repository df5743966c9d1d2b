package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Keys longer than a message id may be (128 characters): {@link MessageIds} gives each a valid, stable and distinct
 * message id, and due work whose recipient has a long id completes.
 */
class LongKeysTest {

    /** Keys as the engine makes them: ids and segments joined by {@code /}, in every plane, up to 400 characters. */
    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> character = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("a", "Z", "0", "7", "E", "-", "/", ".", "=", ",", "#", "_")),
                Tuple.of(1, Arbitraries.of("\u00e4", "\u20ac", "\ud834\udd1e", "\ue000", "\uffef", "\ud83d\ude00")));
        return character.list().ofMinSize(1).ofMaxSize(400).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void aKeyThatFitsIsItsOwnIdAndALongerOneIsShortenedStably(@ForAll("keys") String key) {
        MessageId id = MessageIds.forKey(key);

        assertThat(id.value().length()).isLessThanOrEqualTo(128);
        assertThat(MessageIds.forKey(new String(key))).as("stable").isEqualTo(id);
        if (key.length() <= 128) {
            assertThat(id.value()).isEqualTo(key);
        } else {
            assertThat(key).startsWith(id.value().substring(0, id.value().lastIndexOf('#')));
            assertThat(id.value()).matches("(?s).*#[0-9a-f]{64}");
        }
    }

    /** Two keys that differ only after the part a shortened id keeps, even in their last character, get two ids. */
    @Property(tries = 1000)
    void keysThatDifferOnlyAtTheEndGetTwoIds(@ForAll("keys") String key, @ForAll("keys") String tail) {
        String a = "E-1/2/" + "x".repeat(100) + key;
        assertThat(MessageIds.forKey(a)).isNotEqualTo(MessageIds.forKey(a + tail));
        assertThat(MessageIds.forKey(a + "y")).isNotEqualTo(MessageIds.forKey(a + "z"));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String clef = "\ud834\udd1e";
        for (int before = 60; before < 66; before++) {
            String key = "k".repeat(before) + clef.repeat(60);
            String id = MessageIds.forKey(key).value();
            String kept = id.substring(0, id.lastIndexOf('#'));
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
                    .as("kept part of %s ends in a whole character", before)
                    .isFalse();
            assertThat(key).startsWith(kept);
        }
    }

    /**
     * Staff ids a directory may hold: 1 to 128 characters (UTF-16 units) of letters in every plane, digits and the
     * punctuation of directory names; half of them 110 characters or longer.
     */
    @Provide
    Arbitrary<String> staffIds() {
        Arbitrary<String> character = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("a", "Z", "0", "9", "-", ".", "_", "@", "=", ",")),
                Tuple.of(1, Arbitraries.of("\u00e4", "\u4e2d", "\u20ac", "\ud834\udd1e", "\ud83d\ude00")));
        Arbitrary<Integer> sizes = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 128), Arbitraries.integers().between(110, 128));
        return sizes.flatMap(n -> character.list().ofSize(n)).map(LongKeysTest::atMost128);
    }

    private static String atMost128(List<String> parts) {
        String s = String.join("", parts);
        if (s.length() <= 128) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(127)) ? 127 : 128);
    }

    /** Whatever valid id the Escalation Manager has, their meeting reminders go out, once each. */
    @Property(tries = 200)
    void remindersReachAnEscalationManagerOfAnyValidId(@ForAll("staffIds") String managerId) {
        Assume.that(!Set.of("sam", "eve", "max", "dan", "hal").contains(managerId));
        World w = new World();
        List<Notification> reminders = remindersTo(w, managerId);
        assertThat(reminders).extracting(n -> n.recipient().id()).contains(managerId);
        assertThat(w.notifier.callsPerKey())
                .allSatisfy((key, calls) -> assertThat(calls).isEqualTo(1));
    }

    /**
     * A meeting reminder to an Escalation Manager whose id is 120 characters long: the key of the reminder to them is
     * the due item's key, a {@code /} and their id. Before, {@code processDueWork} threw {@code
     * IllegalArgumentException} (not an {@code EscalationException}) for it, every run, and the reminder never went
     * out.
     */
    @Test
    void aReminderToSomeoneWithALongIdIsSent() {
        String longId =
                "CN=Eve Example,OU=Escalation Management,OU=Support,DC=vendor,DC=example," + "x".repeat(120 - 72);
        World w = new World();
        List<Notification> reminders = remindersTo(w, longId);
        assertThat(reminders).extracting(n -> n.recipient().id()).contains(longId);
        assertThat(reminders)
                .filteredOn(n -> n.recipient().id().equals(longId))
                .extracting(Notification::idempotencyKey)
                .allSatisfy(k ->
                        assertThat(k).as("the whole key reaches the notifier").endsWith("/STAFF:" + longId));
    }

    /**
     * Ina escalates; {@code managerId}, a new Escalation Manager, is appointed and agrees a daily meeting from two
     * hours on; three days later due work runs and everything is delivered: the notifications sent then.
     */
    private static List<Notification> remindersTo(World w, String managerId) {
        w.staff.add(new StaffMember(
                StaffId.of(managerId),
                "Eve Example",
                "eve.example@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.ESCALATION_MANAGER),
                true));
        EscalationId id = w.escalated();
        w.engine.acknowledge(World.SAM, new Acknowledge(id, StaffId.of(managerId), "Called Ina"));
        w.engine.agreePlan(
                Actor.staff(managerId),
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plus(Duration.ofHours(2))));
        w.engine.deliverPending();
        int before = w.notifier.delivered().size();

        w.clock.advance(Duration.ofDays(3));
        DeliveryReport due = w.engine.processDueWork();
        DeliveryReport sent = w.engine.deliverPending();

        assertThat(due.delivered()).isPositive();
        assertThat(sent.retried() + sent.deadLettered() + sent.pending()).isZero();
        return List.copyOf(
                w.notifier.delivered().subList(before, w.notifier.delivered().size()));
    }
}
