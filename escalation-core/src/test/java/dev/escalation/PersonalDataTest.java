package dev.escalation;

import static dev.escalation.World.DAN;
import static dev.escalation.World.EVE;
import static dev.escalation.World.HAL;
import static dev.escalation.World.INA;
import static dev.escalation.World.IVY;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Erasure, export and retention through the engine on the in-memory store; erasure is checked by walking every
 * object the store holds (reflectively, every field of every structure) for the erased person's values.
 */
class PersonalDataTest {
    private static final DataSubject INA_REF = DataSubject.contact("ina");
    private static final String INA_UPDATE = "Our warehouse in Kiel stopped at 06:12, trucks are waiting";
    private static final String INA_DECLINE = "no time"; // short: erased where she wrote it and in copies only
    private static final List<String> INA_VALUES =
            List.of("Contact ina", "ina@customer.example", "The nightly load fails", INA_UPDATE, INA_DECLINE);

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));

    /** Ina raises, writes, is joined by Tom, declines the session; Eve resolves and closes. */
    private EscalationId closedWithIna() {
        EscalationId id = w.active();
        w.engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, INA_UPDATE, Visibility.CUSTOMER));
        w.engine.addParticipant(EVE, new AddParticipant(id, Party.Kind.CONTACT, "tom", null, null));
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "no time", Visibility.INTERNAL));
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, INA_DECLINE));
        w.engine.close(EVE, new Close(id, null));
        return id;
    }

    /**
     * Values of hers that hold others of hers (each update repeats the one before), the last quoted whole in Eve's
     * note: it goes whole. Replacing a shorter one first would leave the rest of her words in Eve's note.
     */
    @Test
    void aValueHoldingAnotherOfTheirsIsErasedWholeInsideAnotherText() {
        List<String> updates = new ArrayList<>(List.of("Tor 3 ist blockiert seit heute"));
        for (String more : List.of(", Tor 4 auch", ", Tor 5 auch", ", und Tor 6 ist auch zu")) {
            updates.add(updates.get(updates.size() - 1) + more);
        }
        String last = updates.get(updates.size() - 1);
        EscalationId id = w.active();
        for (String u : updates) {
            w.engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, u, Visibility.CUSTOMER));
        }
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "Zitat: " + last, Visibility.INTERNAL));
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, INA_DECLINE));
        w.engine.close(EVE, new Close(id, null));
        w.engine.deliverPending();

        w.engine.operations().erasePerson(SAM, INA_REF);

        List<String> after = strings(w.memoryStore);
        assertThat(after).as("the rest of her words").noneMatch(s -> s.contains("auch"));
        assertThat(after).contains("Zitat: " + ErasureReport.MARKER);
    }

    @Test
    void erasureIsRefusedWhileAnEscalationOfThePersonIsOpen() {
        EscalationId open = w.active();
        String before = strings(w.memoryStore).toString();

        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, INA_REF))
                .isInstanceOfSatisfying(PersonInOpenEscalationException.class, e -> {
                    assertThat(e.code()).isEqualTo("PERSON_IN_OPEN_ESCALATION");
                    assertThat(e.open()).containsExactly(open);
                });
        assertThat(strings(w.memoryStore).toString()).isEqualTo(before);
    }

    @Test
    void onlySupportManagementAndHeadOfSupportEraseExportAndPurge() {
        for (Actor refused : List.of(EVE, DAN, INA)) {
            assertThatThrownBy(() -> w.engine.operations().erasePerson(refused, INA_REF))
                    .isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> w.engine.operations().exportPerson(refused, INA_REF))
                    .isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(
                            () -> w.engine.operations().applyRetention(refused, RetentionPolicy.closedAfterMonths(12)))
                    .isInstanceOf(NotAuthorizedException.class);
        }
        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, new DataSubject(null, "x")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::field)
                                .containsExactly("person.kind"));
        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, null))
                .isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void erasureLeavesNoValueOfThePersonInAnyStructureOfTheStore() {
        EscalationId id = closedWithIna();
        EscalationId ivys = w.engine
                .escalate(IVY, new EscalateCase(World.C2, "no time", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine.deliverPending();
        List<String> before = strings(w.memoryStore);
        for (String v : INA_VALUES) {
            assertThat(before).as("the scenario stores %s", v).anyMatch(s -> s.contains(v));
        }
        String ivyBefore = w.stored(ivys) + "" + w.log(ivys);

        PersonalDataExport export = w.engine.operations().exportPerson(HAL, INA_REF);
        assertThat(export.names()).containsExactly("Contact ina");
        assertThat(export.addresses()).containsExactly("ina@customer.example");
        assertThat(export.escalations()).singleElement().satisfies(i -> {
            assertThat(i.escalation()).isEqualTo(id);
            assertThat(i.roles()).contains(PersonalDataExport.Role.RAISED, PersonalDataExport.Role.WROTE);
            assertThat(i.message()).contains("The nightly load fails");
        });
        assertThat(export.entries())
                .filteredOn(PersonalDataExport.Entry::wrote)
                .extracting(e -> e.text().orElse(""))
                .contains(INA_UPDATE, INA_DECLINE);

        ErasureReport report = w.engine.operations().erasePerson(SAM, INA_REF);

        assertThat(report.kind()).isEqualTo(Party.Kind.CONTACT);
        assertThat(report.id()).isEqualTo("ina");
        assertThat(report.touched()).containsExactly(id);
        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.entries()).isPositive();
        List<String> after = strings(w.memoryStore);
        for (String v : INA_VALUES) {
            if (v.equals(INA_DECLINE)) {
                // Eve's internal note and Ivy's message say "no time" too: they stay (short values are not erased
                // in other people's words); Ina's own entry says the marker
                assertThat(after).as("others' \"no time\" stay").contains(INA_DECLINE);
                continue;
            }
            assertThat(after)
                    .as("after erasure the store still holds \"%s\"", v)
                    .noneMatch(s -> s.contains(v));
        }
        assertThat(w.log(id))
                .filteredOn(e -> e.actor().id().equals("ina"))
                .allSatisfy(e -> assertThat(e.text()).isIn(Optional.empty(), Optional.of(ErasureReport.MARKER)));
        assertThat(w.log(id))
                .filteredOn(e -> e.actor().id().equals("eve"))
                .anySatisfy(e -> assertThat(e.text()).contains("no time"));
        assertThat(w.stored(ivys) + "" + w.log(ivys)).isEqualTo(ivyBefore);
        assertThat(w.stored(id).raisedBy().value()).isEqualTo("ina");

        PersonalDataExport afterExport = w.engine.operations().exportPerson(SAM, INA_REF);
        assertThat(afterExport.escalations())
                .extracting(PersonalDataExport.Involvement::escalation)
                .containsExactly(id);
        for (String v : INA_VALUES) {
            if (!v.equals(INA_DECLINE)) {
                assertThat(afterExport.toString()).doesNotContain(v);
            }
        }
        ErasureReport again = w.engine.operations().erasePerson(SAM, INA_REF);
        assertThat(List.of(
                        again.escalations(),
                        again.entries(),
                        again.messages(),
                        again.dueItems(),
                        again.portalMessages()))
                .containsOnly(0L);
    }

    /**
     * A manager replaced before she did anything (no entry of hers, no longer a participant) is still named by the
     * entries that appointed and replaced her, and the notifications of her appointment quote her name: her export
     * lists those entries, and erasing her leaves her name and address nowhere in the store.
     */
    @Test
    void aManagerReplacedBeforeSheDidAnythingIsExportedAndErased() {
        EscalationId id = w.escalated();
        w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        w.engine.reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is away"));
        w.engine.agreePlan(
                Actor.staff("max"),
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plus(Duration.ofHours(2))));
        w.engine.resolve(Actor.staff("max"), new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, INA_DECLINE));
        w.engine.close(Actor.staff("max"), new Close(id, null)); // delivery is down: every message is pending
        List<String> eves = List.of("Staff eve", "eve@vendor.example");
        assertThat(strings(w.memoryStore)).as("the scenario stores Eve's name").anyMatch(s -> s.contains("Staff eve"));
        DataSubject eve = DataSubject.staff("eve");

        PersonalDataExport export = w.engine.operations().exportPerson(HAL, eve);
        assertThat(export.escalations()).singleElement().satisfies(i -> {
            assertThat(i.escalation()).isEqualTo(id);
            assertThat(i.roles()).containsExactly(PersonalDataExport.Role.NAMED);
        });
        assertThat(export.entries())
                .allSatisfy(e -> assertThat(e.wrote()).isFalse())
                .extracting(e -> e.kind())
                .contains(ProgressKind.ACKNOWLEDGED, ProgressKind.MANAGER_REASSIGNED);

        w.engine.operations().erasePerson(SAM, eve);

        List<String> after = strings(w.memoryStore);
        for (String v : eves) {
            assertThat(after)
                    .as("after erasure the store still holds \"%s\"", v)
                    .noneMatch(s -> s.contains(v));
        }
    }

    /**
     * An improvement action's owner who takes no other part: both the contact and the staff member of that id (an
     * owner has no kind) find the escalation in their export, as {@code ACTION_OWNER}; a namesake whose id holds
     * theirs does not.
     */
    @Test
    void anImprovementActionsOwnerFindsItsEscalationInTheExport() {
        EscalationId id = w.active();
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, w.clock.instant().plus(Duration.ofDays(1)), Duration.ofHours(1)));
        w.engine.recordLessonsLearned(
                EVE,
                new RecordLessonsLearned(
                        id,
                        "the load was never tested",
                        List.of(
                                new RecordLessonsLearned.Action("test with real volumes", "ole"),
                                new RecordLessonsLearned.Action("write the runbook", "ole.k"))));

        assertThat(w.engine
                        .operations()
                        .exportPerson(HAL, DataSubject.contact("ina"))
                        .escalations())
                .as("the Incident Manager, who owns no action")
                .singleElement()
                .satisfies(i -> assertThat(i.roles()).doesNotContain(PersonalDataExport.Role.ACTION_OWNER));
        for (DataSubject ole : List.of(DataSubject.contact("ole"), DataSubject.staff("ole"))) {
            PersonalDataExport export = w.engine.operations().exportPerson(HAL, ole);
            assertThat(export.escalations()).as("%s", ole).singleElement().satisfies(i -> {
                assertThat(i.escalation()).isEqualTo(id);
                assertThat(i.roles()).containsExactly(PersonalDataExport.Role.ACTION_OWNER);
            });
        }
        assertThat(w.engine
                        .operations()
                        .exportPerson(HAL, DataSubject.contact("ol"))
                        .escalations())
                .as("an id inside an owner's id is not that owner")
                .isEmpty();
    }

    @Test
    void retentionPurgesFinalEscalationsAfterTheirMonthsInBatches() {
        EscalationId withdrawn = w.escalated();
        w.engine.withdraw(INA, new Withdraw(withdrawn, "solved it ourselves"));
        int sent = w.engine.deliverPending().delivered();
        EscalationId open = w.engine
                .escalate(IVY, new EscalateCase(World.C2, "Slow", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();

        assertThatThrownBy(() -> w.engine
                        .operations()
                        .applyRetention(
                                SAM, RetentionPolicy.closedAfterMonths(1).deliveredKeptFor(Duration.ofDays(1))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::field)
                                .containsExactly("policy.deliveredFor"));
        RetentionReport early = w.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(1));
        assertThat(early.escalations()).isZero();

        w.clock.advance(Duration.ofDays(40));
        RetentionReport report = w.engine
                .operations()
                .applyRetention(HAL, RetentionPolicy.closedAfterMonths(1).inBatchesOf(1));

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(sent).isPositive();
        assertThat(report.messages())
                .as("the withdrawn escalation's delivered messages")
                .isEqualTo(sent);
        assertThat(report.batches())
                .as("batches of one: the escalation and a short batch, each message and a short batch")
                .isEqualTo(1 + 1 + sent + 1);
        assertThat(report.closedBefore()).isEqualTo(w.clock.instant().minus(Duration.ofDays(31)));
        assertThat(w.memoryStore.findForVendor(withdrawn)).isEmpty();
        assertThat(w.memoryStore.findForVendor(open)).isPresent();
    }

    /** Delivered messages may be kept up to 100 years (36,500 days), not a nanosecond longer. */
    @Test
    void deliveredMessagesAreKeptAtMostOneHundredYears() {
        Duration hundredYears = Duration.ofDays(36_500);
        assertThat(w.engine
                        .operations()
                        .applyRetention(
                                SAM, RetentionPolicy.closedAfterMonths(1).deliveredKeptFor(hundredYears))
                        .deliveredBefore())
                .isEqualTo(w.clock.instant().minus(hundredYears));
        assertThatThrownBy(() -> w.engine
                        .operations()
                        .applyRetention(
                                SAM, RetentionPolicy.closedAfterMonths(1).deliveredKeptFor(hundredYears.plusNanos(1))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::field)
                                .containsExactly("policy.deliveredFor"));
    }

    @Test
    void theBackgroundWorkerAppliesAScheduledPolicy() throws Exception {
        EscalationId withdrawn = w.escalated();
        w.engine.withdraw(INA, new Withdraw(withdrawn, "solved it ourselves"));
        w.clock.advance(Duration.ofDays(400));
        w.engine.operations().scheduleRetention(SAM, RetentionPolicy.closedAfterMonths(12), Duration.ofMillis(50));
        w.engine.start(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (w.memoryStore.findForVendor(withdrawn).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            w.engine.close();
        }
        assertThat(w.memoryStore.findForVendor(withdrawn)).isEmpty();
    }

    /**
     * Every string reachable from {@code root}: fields of the store's own classes (reflectively, all of them), and the
     * elements of collections, maps, arrays and optionals; other JDK objects hold no text the store put there.
     */
    static List<String> strings(Object root) {
        List<String> found = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> type = o.getClass();
            if (o instanceof String s) {
                found.add(s);
            } else if (o instanceof Collection<?> c) {
                List.copyOf(new ArrayList<Object>(c)).forEach(x -> push(todo, x));
            } else if (o instanceof Map<?, ?> m) {
                new ArrayList<Map.Entry<?, ?>>(m.entrySet()).forEach(e -> {
                    push(todo, e.getKey());
                    push(todo, e.getValue());
                });
            } else if (o instanceof Optional<?> opt) {
                opt.ifPresent(x -> push(todo, x));
            } else if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        push(todo, Array.get(o, i));
                    }
                }
            } else if (o instanceof Enum<?>) {
                continue; // constants: no stored data
            } else if (type.isRecord() && type.getName().startsWith("dev.escalation.")) {
                // records of the spi and model modules: through their public accessors
                for (java.lang.reflect.RecordComponent rc : type.getRecordComponents()) {
                    if (!rc.getType().isPrimitive()) {
                        try {
                            java.lang.reflect.Method accessor = rc.getAccessor();
                            if (type.getName().startsWith("dev.escalation.inmemory.")) {
                                accessor.setAccessible(true); // private records of the store, same module
                            }
                            push(todo, accessor.invoke(o));
                        } catch (ReflectiveOperationException e) {
                            throw new AssertionError("cannot read " + type.getName() + "." + rc.getName(), e);
                        }
                    }
                }
            } else if (type.getName().startsWith("dev.escalation.") && !type.isSynthetic() && !type.isHidden()) {
                for (Class<?> t = type; t != null && t.getName().startsWith("dev.escalation."); t = t.getSuperclass()) {
                    for (Field f : t.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        try {
                            f.setAccessible(true);
                            push(todo, f.get(o));
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            throw new AssertionError("cannot read " + t.getName() + "." + f.getName(), e);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void push(Deque<Object> todo, Object o) {
        if (o != null) {
            todo.push(o);
        }
    }

    /** The walk reaches the log and the outbox (a self-check of {@link #strings}). */
    @Test
    void theWalkReachesEveryStructure() {
        EscalationId id = w.active();
        w.engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, INA_UPDATE, Visibility.CUSTOMER));
        List<String> all = strings(w.memoryStore);
        assertThat(all).contains(INA_UPDATE);
        assertThat(Set.copyOf(all)).anyMatch(s -> s.contains("ina@customer.example"));
    }
}
