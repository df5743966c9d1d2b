package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link RedmineTicketing} against a real Redmine 5 (see {@link RedmineTestServer}) and reads what it wrote
 * directly from Redmine. Every test uses fresh escalation ids and e-mail addresses, because Redmine keeps its data
 * between runs. {@link RedmineTicketingContractTest} runs the test kit's rules; this class covers what is specific
 * to Redmine (issue fields, private notes, markers, workflow, users, references).
 */
class RedmineTicketingTest {
    private RedmineTestServer redmine;

    private Ticketing ticketing;
    private String run;
    private EscalationId escalation;

    private Ticketing createTicketing() {
        return redmine.adapter().build();
    }

    @BeforeEach
    void fresh() {
        redmine = RedmineTestServer.require(); // per test, so each skip is reported with its reason
        ticketing = createTicketing();
        run = UUID.randomUUID().toString().substring(0, 8);
        escalation = EscalationId.of("E-" + run);
    }

    private TicketCommand.Open open(String key) {
        return new TicketCommand.Open(
                key,
                escalation,
                new CustomerId("acme"),
                new CaseId("C-" + run),
                "Escalation of case C-" + run,
                "Database down since 09:00, orders stuck.",
                Criticality.CRITICAL);
    }

    private Party participant(String name) {
        return new Party(
                Party.Kind.EXTERNAL,
                name + "-" + run + "@partner.example",
                name + " Example",
                name + "-" + run + "@partner.example");
    }

    private RedmineTestServer.Ticket ticket(String reference) {
        return redmine.ticket(reference).orElseThrow(() -> new AssertionError("no issue #" + reference));
    }

    @Test
    void openReturnsTheIssueNumberOfAnOpenIssueWithTheCommandsFields() {
        String reference = ticketing.open(open("open-1"));

        assertThat(reference).matches("[1-9][0-9]*");
        RedmineTestServer.Ticket ticket = ticket(reference);
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.participants()).isEmpty();
        assertThat(ticket.updates()).isEmpty();
        JsonNode issue = redmine.issue(reference);
        assertThat(issue.path("subject").asText()).isEqualTo("Escalation of case C-" + run);
        assertThat(issue.path("description").asText()).startsWith("Database down since 09:00, orders stuck.");
        assertThat(issue.path("priority").path("name").asText()).isEqualTo("Immediate");
        assertThat(issue.path("project").path("id").asInt()).isPositive();
        assertThat(redmine.issuesWithEscalationId(escalation.value())).isEqualTo(1);
    }

    @Test
    void aSubjectLongerThanRedmineKeepsIsCutBeforeACharacterNotInside() {
        // the engine's subject ends in the directory's case title, of any length; an emoji is two UTF-16 units
        String head = "Escalation of case C-" + run + ": ";
        String title = "x".repeat(254 - head.length()) + "😀 and more after the cut";
        TicketCommand.Open open = new TicketCommand.Open(
                "open-long",
                escalation,
                new CustomerId("acme"),
                new CaseId("C-" + run),
                head + title,
                "Database down since 09:00, orders stuck.",
                Criticality.CRITICAL);

        String reference = ticketing.open(open);

        assertThat(redmine.issue(reference).path("subject").asText())
                .as("the emoji at units 255-256 does not fit; it is left out whole, not split")
                .isEqualTo(head + "x".repeat(254 - head.length()));
    }

    @Test
    void aParticipantWhoseNameIsLongerThanRedmineKeepsIsAddedWithTheNameCutBeforeACharacter() {
        String reference = ticketing.open(open("open-1"));
        // Redmine keeps 30 characters of a first name; the emoji takes units 30-31
        Party longName = new Party(
                Party.Kind.EXTERNAL,
                "long-" + run + "@partner.example",
                "Maximiliane-Friederike-Anna-L😀 Example",
                "long-" + run + "@partner.example");

        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p1", escalation, longName));

        assertThat(ticket(reference).participants()).containsExactly(longName.email());
    }

    @Test
    void aRetriedOpenReturnsTheSameReferenceAndCreatesOneIssue() {
        String first = ticketing.open(open("open-1"));
        String again = ticketing.open(open("open-1"));
        String afterRestart = createTicketing().open(open("open-1")); // another instance, as after a restart

        assertThat(again).isEqualTo(first);
        assertThat(afterRestart).isEqualTo(first);
        assertThat(redmine.issuesWithEscalationId(escalation.value())).isEqualTo(1);
    }

    @Test
    void escalationIdsAreMatchedExactly() {
        EscalationId similar = EscalationId.of(escalation.value() + "-2");
        String reference = ticketing.open(open("open-1"));

        String other = ticketing.open(new TicketCommand.Open(
                "open-2", similar, new CustomerId("acme"), new CaseId("C-2"), "Second", "d", Criticality.LOW));

        assertThat(other).isNotEqualTo(reference);
        assertThat(redmine.issuesWithEscalationId(similar.value())).isEqualTo(1);
        assertThat(redmine.issuesWithEscalationId(escalation.value())).isEqualTo(1);
    }

    @Test
    void participantsAddedTwiceAppearOnceInTheOrderAdded() {
        Party early = participant("early");
        Party late = participant("late");
        // make "early" a Redmine user first, so user-id order and the order added below differ
        EscalationId other = EscalationId.of("E-" + run + "-other");
        String otherTicket = ticketing.open(new TicketCommand.Open(
                "o", other, new CustomerId("acme"), new CaseId("C-x"), "Other", "d", Criticality.LOW));
        ticketing.addParticipant(otherTicket, new TicketCommand.AddParticipant("p0", other, early));
        String reference = ticketing.open(open("open-1"));

        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p1", escalation, late));
        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p2", escalation, early));
        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p3", escalation, late));
        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p1", escalation, late)); // retry

        assertThat(ticket(reference).participants()).containsExactly(late.email(), early.email());
        assertThat(ticket(otherTicket).participants()).containsExactly(early.email());
    }

    @Test
    void removedParticipantsDisappearAndRemovingAnAbsentOneChangesNothing() {
        Party stays = participant("stays");
        Party leaves = participant("leaves");
        String reference = ticketing.open(open("open-1"));
        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p1", escalation, stays));
        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p2", escalation, leaves));

        ticketing.removeParticipant(reference, new TicketCommand.RemoveParticipant("r1", escalation, leaves));
        ticketing.removeParticipant(reference, new TicketCommand.RemoveParticipant("r1", escalation, leaves));
        ticketing.removeParticipant(
                reference, new TicketCommand.RemoveParticipant("r2", escalation, participant("never")));

        assertThat(ticket(reference).participants()).containsExactly(stays.email());
    }

    @Test
    void updatesKeepTheirOrderAndInternalOnesArePrivateNotes() {
        String reference = ticketing.open(open("open-1"));
        ticketing.postUpdate(
                reference, new TicketCommand.PostUpdate("u1", escalation, "Called the customer.", Visibility.CUSTOMER));
        ticketing.postUpdate(
                reference,
                new TicketCommand.PostUpdate(
                        "u2", escalation, "DBA suspects the\nfailover script.", Visibility.INTERNAL));
        ticketing.postUpdate(
                reference, new TicketCommand.PostUpdate("u3", escalation, "Fix deployed.", Visibility.CUSTOMER));

        RedmineTestServer.Ticket ticket = ticket(reference);
        assertThat(ticket.updates())
                .containsExactly("Called the customer.", "DBA suspects the\nfailover script.", "Fix deployed.");
        List<Boolean> privateFlags = new ArrayList<>();
        redmine.issue(reference)
                .path("journals")
                .forEach(j -> privateFlags.add(j.path("private_notes").asBoolean()));
        assertThat(privateFlags).containsExactly(false, true, false);
        // Redmine made the API user (who wrote the notes) a watcher; it is not a participant
        assertThat(redmine.issue(reference).path("watchers")).isNotEmpty();
        assertThat(ticket.participants()).isEmpty();
    }

    @Test
    void aRetriedUpdateIsPostedOnce() {
        String reference = ticketing.open(open("open-1"));
        TicketCommand.PostUpdate update =
                new TicketCommand.PostUpdate("u1", escalation, "Same text", Visibility.CUSTOMER);
        ticketing.postUpdate(reference, update);
        ticketing.postUpdate(reference, update);
        createTicketing().postUpdate(reference, update);
        ticketing.postUpdate(
                reference, new TicketCommand.PostUpdate("u2", escalation, "Same text", Visibility.CUSTOMER));

        assertThat(ticket(reference).updates()).containsExactly("Same text", "Same text");
        // notes are de-duplicated by key, watcher changes only by state: the adapter does not claim the capability
        assertThat(ticketing.capabilities()).doesNotContain(Capability.DEDUPLICATES_BY_KEY);
    }

    @Test
    void statusFollowsResolveReopenAndClose() {
        String reference = ticketing.open(open("open-1"));

        ticketing.changeStatus(
                reference, new TicketCommand.ChangeStatus("s1", escalation, TicketStatus.RESOLVED, "Failover fixed."));
        assertThat(ticket(reference).status()).isEqualTo(TicketStatus.RESOLVED);
        ticketing.changeStatus(
                reference, new TicketCommand.ChangeStatus("s2", escalation, TicketStatus.OPEN, "Came back."));
        assertThat(ticket(reference).status()).isEqualTo(TicketStatus.OPEN);
        ticketing.changeStatus(reference, new TicketCommand.ChangeStatus("s3", escalation, TicketStatus.RESOLVED, ""));
        ticketing.changeStatus(
                reference,
                new TicketCommand.ChangeStatus("s4", escalation, TicketStatus.CLOSED, "Lessons learned held."));

        RedmineTestServer.Ticket ticket = ticket(reference);
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        JsonNode issue = redmine.issue(reference);
        assertThat(issue.path("status").path("name").asText()).isEqualTo("Closed");
        assertThat(issue.path("closed_on").isNull()).isFalse();
        assertThat(ticket.updates())
                .as("each status note is on the ticket as an update would be; the blank one adds none (T5)")
                .containsExactly("Failover fixed.", "Came back.", "Lessons learned held.");
    }

    @Test
    void aRetriedStatusChangeWritesOneNote() {
        String reference = ticketing.open(open("open-1"));
        TicketCommand.ChangeStatus resolve =
                new TicketCommand.ChangeStatus("s1", escalation, TicketStatus.RESOLVED, "Failover fixed.");
        ticketing.changeStatus(reference, resolve);
        ticketing.changeStatus(reference, resolve);

        JsonNode journals = redmine.issue(reference).path("journals");
        assertThat(journals).hasSize(1);
        assertThat(journals.get(0).path("notes").asText()).startsWith("Failover fixed.");
    }

    @Test
    void aReferenceThatIsNoIssueNumberOrNoIssueFailsPermanently() {
        TicketCommand.PostUpdate update = new TicketCommand.PostUpdate("u1", escalation, "x", Visibility.CUSTOMER);

        assertThatThrownBy(() -> ticketing.postUpdate("PROJ-12", update))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining(escalation.value())
                .hasMessageContaining("not a Redmine issue number");
        assertThatThrownBy(() -> ticketing.postUpdate("2147483647", update))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("#2147483647")
                .hasMessageContaining(escalation.value());
    }

    @Test
    void aReferenceOfAnotherEscalationIsRefusedAndTheIssueIsLeftAlone() {
        String reference = ticketing.open(open("open-1"));
        EscalationId other = EscalationId.of("E-" + run + "-other");

        assertThatThrownBy(() -> ticketing.postUpdate(
                        reference, new TicketCommand.PostUpdate("u1", other, "Wrong issue", Visibility.CUSTOMER)))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("#" + reference)
                .hasMessageContaining(other.value());
        assertThatThrownBy(() -> ticketing.changeStatus(
                        reference, new TicketCommand.ChangeStatus("s1", other, TicketStatus.CLOSED, "")))
                .isInstanceOf(PermanentDeliveryException.class);
        assertThatThrownBy(() -> ticketing.addParticipant(
                        reference, new TicketCommand.AddParticipant("p1", other, participant("wrong"))))
                .isInstanceOf(PermanentDeliveryException.class);

        assertThat(redmine.issue(reference).path("journals")).isEmpty();
        assertThat(ticket(reference).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket(reference).participants()).isEmpty();
    }

    @Test
    void anIssueRedmineRejectsFailsPermanently() {
        TicketCommand.Open blank = new TicketCommand.Open(
                "open-1", escalation, new CustomerId("acme"), new CaseId("C-1"), " ", "d", Criticality.LOW);

        assertThatThrownBy(() -> ticketing.open(blank))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("422 (Unprocessable Content)")
                .hasMessageNotContaining("cannot be blank"); // Redmine's validation message stays out
        assertThat(redmine.issuesWithEscalationId(escalation.value())).isZero();
    }

    @Test
    void aWrongApiKeyFailsPermanently() {
        Ticketing wrongKey = RedmineTicketing.builder()
                .baseUrl(URI.create(redmine.url))
                .apiKey("0000000000000000000000000000000000000000")
                .project(redmine.project)
                .build();

        assertThatThrownBy(() -> wrongKey.open(open("open-1")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("401");
    }

    @Test
    void anUnknownProjectFailsPermanently() {
        Ticketing wrongProject =
                redmine.adapter().project("no-such-project-" + run).build();

        assertThatThrownBy(() -> wrongProject.open(open("open-1"))).isInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void theEscalationIdFieldIsFoundByName() {
        Ticketing byName = RedmineTicketing.builder()
                .baseUrl(URI.create(redmine.url))
                .apiKey(redmine.key)
                .project(redmine.project)
                .build();
        String reference = byName.open(open("open-1"));

        assertThat(ticketing.open(open("open-1"))).isEqualTo(reference);
        assertThat(redmine.issuesWithEscalationId(escalation.value())).isEqualTo(1);
    }

    @Test
    void aParticipantRedmineCannotAcceptFailsPermanently() {
        String reference = ticketing.open(open("open-1"));
        Party invalid = new Party(Party.Kind.EXTERNAL, "x", "No Mail", "no-mail-" + run);

        assertThatThrownBy(() -> ticketing.addParticipant(
                        reference, new TicketCommand.AddParticipant("p1", escalation, invalid)))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("422")
                .hasMessageNotContaining("no-mail-");
        assertThat(ticket(reference).participants()).isEmpty();
    }

    @Test
    void aWatcherRedmineSilentlyRefusesIsReportedNotDropped() {
        Party locked = participant("locked");
        EscalationId other = EscalationId.of("E-" + run + "-other");
        String otherTicket = ticketing.open(new TicketCommand.Open(
                "o", other, new CustomerId("acme"), new CaseId("C-x"), "Other", "d", Criticality.LOW));
        ticketing.addParticipant(otherTicket, new TicketCommand.AddParticipant("p0", other, locked)); // the user
        redmine.lockUser(locked.email());
        String reference = ticketing.open(open("open-1"));

        // Redmine answers 204 to adding a locked user as watcher, but does not add it
        assertThatThrownBy(() ->
                        ticketing.addParticipant(reference, new TicketCommand.AddParticipant("p1", escalation, locked)))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("watcher")
                .hasMessageNotContaining("locked-" + run);
    }

    @AfterAll
    static void logLinesCarryNoAddressesOrTexts() {
        if (!AdapterLog.captured() || System.getenv("ESCALATION_TEST_REDMINE_URL") == null) {
            return; // the tests were skipped, or run outside Maven
        }
        List<String> lines = AdapterLog.lines();
        assertThat(lines).as("the adapter logged what it did").anyMatch(l -> l.contains("Opened Redmine issue"));
        assertThat(lines)
                .noneMatch(l -> l.contains("@partner.example")
                        || l.contains("Database down")
                        || l.contains("Called the customer")
                        || l.contains("failover")
                        || l.contains("Failover")
                        || l.contains("no-mail-"));
    }
}
