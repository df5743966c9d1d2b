package dev.escalation;

import static dev.escalation.PersonalDataTest.strings;
import static dev.escalation.World.EVE;
import static dev.escalation.World.HAL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.PartyRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An external stakeholder (a participant known by name and e-mail address only) is a data subject like a contact or a
 * staff member: exported, and erased once no escalation of theirs is open, with their audit key shredded. They are
 * the kind {@code EXTERNAL} and their address, matched exactly (as participants are told apart): the same address
 * in another case is another participant and another person.
 */
class ExternalErasureTest {
    private static final String ZOE = "zoe.extern@partner.example";
    private static final String ZOE_NAME = "Zoë Extern";
    private static final String OTHER_CASE = "Zoe.Extern@partner.example";
    private static final String OTHER_NAME = "Zoe Other";
    private static final DataSubject ZOE_REF = DataSubject.external(ZOE);

    private final InMemorySubjectKeys subjectKeys = new InMemorySubjectKeys();
    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1)
            .auditTrail(new AuditSettings(subjectKeys, new InMemoryAuditAnchors(), AuditTrailTest.KEYS)));

    private void close(EscalationId id) {
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        w.engine.close(EVE, new Close(id, null));
    }

    @Test
    void anExternalStakeholderIsExportedAndErasedOnceNoEscalationOfTheirsIsOpen() {
        EscalationId first = w.active();
        w.engine.addParticipant(EVE, AddParticipant.external(first, ZOE_NAME, ZOE));
        w.engine.addParticipant(EVE, AddParticipant.external(first, OTHER_NAME, OTHER_CASE));
        close(first);
        EscalationId second = w.active(w.escalatedOnNewCase("C-two"));
        w.engine.addParticipant(EVE, AddParticipant.external(second, ZOE_NAME, ZOE));
        w.engine.deliverPending();

        PersonalDataExport export = w.engine.operations().exportPerson(HAL, ZOE_REF);
        assertThat(export.kind()).isEqualTo(Party.Kind.EXTERNAL);
        assertThat(export.names()).containsExactly(ZOE_NAME);
        assertThat(export.addresses()).containsExactly(ZOE);
        assertThat(export.escalations())
                .extracting(PersonalDataExport.Involvement::escalation)
                .containsExactly(first, second);
        assertThat(export.escalations())
                .allSatisfy(i -> assertThat(i.roles()).contains(PersonalDataExport.Role.PARTICIPANT));

        String before = strings(w.memoryStore).toString();
        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, ZOE_REF))
                .isInstanceOfSatisfying(
                        PersonInOpenEscalationException.class,
                        e -> assertThat(e.open()).containsExactly(second));
        assertThat(strings(w.memoryStore).toString()).as("nothing changed").isEqualTo(before);

        close(second);
        assertThat(subjectKeys.existingKey(new PartyRef(Party.Kind.EXTERNAL, ZOE)))
                .isPresent();
        ErasureReport report = w.engine.operations().erasePerson(SAM, ZOE_REF);

        assertThat(report.kind()).isEqualTo(Party.Kind.EXTERNAL);
        assertThat(report.id()).isEqualTo(ZOE);
        assertThat(report.touched()).containsExactly(first, second);
        assertThat(report.escalations()).isEqualTo(2);
        List<String> after = strings(w.memoryStore);
        assertThat(after).noneMatch(s -> s.contains(ZOE_NAME));
        assertThat(after)
                .as("the address stays only as the reference of the entries that added them")
                .filteredOn(s -> s.contains(ZOE))
                .containsOnly(ZOE);
        for (EscalationId id : List.of(first, second)) {
            assertThat(w.stored(id).participants())
                    .as("no participant is Zoë any more")
                    .noneMatch(p -> p.id().equals(ZOE) || p.displayName().equals(ZOE_NAME));
            assertThat(w.stored(id).participants())
                    .contains(new Party(
                            Party.Kind.EXTERNAL, ErasureReport.MARKER, ErasureReport.MARKER, ErasureReport.MARKER));
            assertThat(w.log(id))
                    .filteredOn(e -> e.kind() == ProgressKind.PARTICIPANT_ADDED
                            && e.params().get("participant").equals(new EntryParam.Ref(ZOE)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.params().get("participantName"))
                            .isEqualTo(new EntryParam.Text(ErasureReport.MARKER)));
        }
        assertThat(w.stored(first).participants())
                .as("the address in another case is another person")
                .contains(new Party(Party.Kind.EXTERNAL, OTHER_CASE, OTHER_NAME, OTHER_CASE));
        assertThat(subjectKeys.existingKey(new PartyRef(Party.Kind.EXTERNAL, ZOE)))
                .as("their key is shredded")
                .isEmpty();
        assertThat(subjectKeys.existingKey(new PartyRef(Party.Kind.EXTERNAL, OTHER_CASE)))
                .isPresent();
        for (EscalationId id : List.of(first, second)) {
            AuditVerification v = w.engine.operations().audit().verify(SAM, id);
            assertThat(v.intact()).as("%s", v).isTrue();
            assertThat(v.uncheckable()).isPositive();
        }

        PersonalDataExport afterExport = w.engine.operations().exportPerson(HAL, ZOE_REF);
        assertThat(afterExport.escalations())
                .extracting(PersonalDataExport.Involvement::escalation)
                .containsExactly(first, second);
        assertThat(afterExport.names()).isEmpty();
        assertThat(afterExport.addresses()).isEmpty();
        ErasureReport again = w.engine.operations().erasePerson(SAM, ZOE_REF);
        assertThat(List.of(
                        again.escalations(),
                        again.entries(),
                        again.messages(),
                        again.dueItems(),
                        again.portalMessages()))
                .containsOnly(0L);
    }

    /**
     * Without the audit chain (see the CHANGELOG: a chained text of someone else that quotes the address would no
     * longer verify once the address inside it is replaced), the address quoted in another person's text goes too.
     */
    @Test
    void theAddressQuotedInAnotherPersonsTextIsErased() {
        World plain = new World(b -> b.slaPolicy(SlaFixtures.V1));
        EscalationId id = plain.active();
        plain.engine.addParticipant(EVE, AddParticipant.external(id, ZOE_NAME, ZOE));
        plain.engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.NOTE, "Called " + ZOE + " twice", Visibility.INTERNAL));
        plain.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        plain.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        plain.engine.close(EVE, new Close(id, null));

        plain.engine.operations().erasePerson(SAM, ZOE_REF);

        assertThat(plain.log(id)).anySatisfy(e -> assertThat(e.text()).contains("Called [erased] twice"));
        assertThat(strings(plain.memoryStore)).filteredOn(s -> s.contains(ZOE)).containsOnly(ZOE);
    }

    /**
     * Messages to an external stakeholder still pending when they are erased: their address is the marker now, so
     * they are not handed to a notifier (which would try to send to "[erased]") but dead-lettered as having no
     * recipient, as for someone who left; the other participants' messages go out.
     */
    @Test
    void messagesPendingForAnErasedExternalAreNotSentButDeadLettered() {
        EscalationId id = w.active();
        w.engine.deliverPending();
        w.engine.addParticipant(EVE, AddParticipant.external(id, ZOE_NAME, ZOE));
        close(id);
        w.engine.operations().erasePerson(SAM, ZOE_REF);

        DeliveryReport report = w.engine.deliverPending();

        assertThat(w.notifier.delivered())
                .as("nothing is sent to the marker")
                .noneMatch(n -> n.recipient().email().equals(ErasureReport.MARKER));
        assertThat(report.delivered()).as("the others' messages").isPositive();
        assertThat(w.engine
                        .operations()
                        .deadLetters(SAM, dev.escalation.model.PageRequest.first(50))
                        .items())
                .filteredOn(d -> d.recipient().equals(Optional.of("EXTERNAL:" + ErasureReport.MARKER)))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.code()).contains("UNKNOWN_RECIPIENT"))
                .allSatisfy(d -> assertThat(d.lastError()).contains("the external stakeholder was erased"));
    }

    @Test
    void anExternalIdThatIsNoAddressIsRefusedAndNothingChanges() {
        EscalationId id = w.active();
        w.engine.addParticipant(EVE, AddParticipant.external(id, ZOE_NAME, ZOE));
        close(id);
        String before = strings(w.memoryStore).toString();
        for (String bad : List.of(
                "",
                " ",
                "a".repeat(245) + "@x.example",
                "zoe\u0000@partner.example",
                "zoe\n@partner.example",
                "zoe\u2028@partner.example",
                "zoe\uD800@partner.example")) {
            for (DataSubject subject : List.of(DataSubject.external(bad))) {
                assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, subject))
                        .as("%s", bad)
                        .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                            assertThat(e.code()).isEqualTo("INVALID_COMMAND");
                            assertThat(e.violations())
                                    .extracting(v -> v.field() + "." + v.rule())
                                    .containsExactly("person.id.Address");
                        });
                assertThatThrownBy(() -> w.engine.operations().exportPerson(SAM, subject))
                        .isInstanceOf(InvalidCommandException.class);
            }
        }
        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, DataSubject.external(null)))
                .isInstanceOf(InvalidCommandException.class);
        assertThat(strings(w.memoryStore).toString()).isEqualTo(before);
        assertThat(subjectKeys.existingKey(new PartyRef(Party.Kind.EXTERNAL, ZOE)))
                .isPresent();
    }
}
