package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.MAX;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.AuditRecord;
import dev.escalation.model.AuditTrail;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.TicketCommand;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    static final KeyPair KEYS = ed25519();
    final InMemorySubjectKeys subjectKeys = new InMemorySubjectKeys();
    final InMemoryAuditAnchors anchors = new InMemoryAuditAnchors();

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    World world() {
        return new World(b -> b.auditTrail(new AuditSettings(subjectKeys, anchors, KEYS)));
    }

    @Test
    void every_entry_is_linked_and_the_chain_verifies_and_is_anchored() {
        World w = world();
        EscalationId id = w.active();
        w.engine.addParticipant(
                EVE, new AddParticipant(id, Party.Kind.EXTERNAL, "ext-1", "Erika Extern", "erika@example.org"));
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "internal note", Visibility.INTERNAL));

        List<StoredEntry> log = w.log(id);
        assertThat(log).allSatisfy(e -> assertThat(e.chain()).isPresent());
        assertThat(log.get(0).chain().get().previous()).isEqualTo("0".repeat(64));
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).chain().get().previous())
                    .isEqualTo(log.get(i - 1).chain().get().hash());
        }
        assertThat(w.stored(id).facts().chainHead())
                .contains(log.get(log.size() - 1).chain().get().hash());

        AuditTrail trail = w.engine.auditTrail(SAM, id);
        assertThat(trail.records()).hasSize(log.size());
        AuditRecord added = trail.records().get(3);
        assertThat(added.params().get("participantName")).isInstanceOf(EntryParam.Text.class);
        assertThat(((EntryParam.Text) added.params().get("participantName")).value())
                .hasSize(64)
                .isNotEqualTo("Erika Extern");
        String external = ((EntryParam.Ref) added.params().get("participant")).value();
        assertThat(subjectKeys.existingKey(new PartyRef(Party.Kind.EXTERNAL, external)))
                .isPresent();

        AuditVerification v = w.engine.operations().audit().verify(SAM, id);
        assertThat(v.intact()).isTrue();
        assertThat(v.length()).isEqualTo(log.size());

        assertThat(w.engine.operations().audit().anchor(SAM, id))
                .get()
                .satisfies(a -> assertThat(a.length()).isEqualTo(log.size()));
        assertThat(w.engine.operations().audit().verify(SAM, id).anchored()).contains((long) log.size());
        DeliveryReport report = w.engine.deliverPending();
        assertThat(report.delivered())
                .as("notifications with audit parameters render and go out")
                .isPositive();
        assertThat(report.deadLettered()).isZero();
    }

    /**
     * The key of a contact or staff member the command adds is read before the command's transaction, with the
     * author's: the command writes once, not again for a key it lacked. An external participant's key (the subject is
     * their e-mail address) is made only once the command has passed its checks, so a refused addition keeps no
     * address in the key store: that addition writes twice.
     */
    @Test
    void a_participant_key_is_read_first_except_an_externals_which_waits_for_the_checks() {
        World w = world();
        EscalationId id = w.active();
        for (AddParticipant add : List.of(AddParticipant.contact(id, "tom"), AddParticipant.staff(id, "dan"))) {
            int before = w.recording.calls("changeForVendor");
            w.engine.addParticipant(EVE, add);
            assertThat(w.recording.calls("changeForVendor") - before)
                    .as("%s", add.kind())
                    .isEqualTo(1);
        }

        PartyRef auditor = new PartyRef(Party.Kind.EXTERNAL, "audit@partner.example");
        AddParticipant external = AddParticipant.external(id, "Auditor", "audit@partner.example");
        assertThatThrownBy(() -> w.engine.addParticipant(MAX, external)).isInstanceOf(NotAuthorizedException.class);
        assertThat(subjectKeys.existingKey(auditor))
                .as("refused: no key, no address kept")
                .isEmpty();
        int before = w.recording.calls("changeForVendor");
        w.engine.addParticipant(EVE, external);
        assertThat(w.recording.calls("changeForVendor") - before).isEqualTo(2);
        assertThat(subjectKeys.existingKey(auditor)).isPresent();
        assertThat(w.engine.operations().audit().verify(SAM, id).intact()).isTrue();
    }

    @Test
    void customers_get_the_head_in_notifications_and_tickets_in_updates() {
        World w = world();
        EscalationId id = w.active();
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "fixed", Visibility.CUSTOMER));
        String head = w.stored(id).facts().chainHead().orElseThrow();
        List<OutboxMessage> messages =
                w.memoryStore.outbox().claim("t", w.clock.instant(), java.time.Duration.ofMinutes(1), 500).stream()
                        .map(c -> c.message())
                        .toList();
        assertThat(messages).anySatisfy(m -> {
            assertThat(m.effect()).isInstanceOf(NotificationRequest.class);
            NotificationRequest n = (NotificationRequest) m.effect();
            assertThat(n.recipient().kind()).isEqualTo(Party.Kind.CONTACT);
            assertThat(n.params().get("audit.head")).isEqualTo(new EntryParam.Ref(head));
        });
        assertThat(messages)
                .filteredOn(m -> m.effect() instanceof NotificationRequest n
                        && n.recipient().kind() == Party.Kind.CONTACT)
                .allSatisfy(m ->
                        assertThat(((NotificationRequest) m.effect()).params()).containsKey("audit.length"));
        assertThat(messages)
                .as("staff are the vendor: their notifications carry no head")
                .filteredOn(m -> m.effect() instanceof NotificationRequest n
                        && n.recipient().kind() == Party.Kind.STAFF)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(((NotificationRequest) m.effect()).params())
                        .doesNotContainKeys("audit.head", "audit.length"));
        assertThat(messages)
                .filteredOn(m -> m.effect() instanceof TicketCommand.PostUpdate)
                .allSatisfy(m -> assertThat(((TicketCommand.PostUpdate) m.effect()).text())
                        .contains("Audit head: "));
    }

    @Test
    void entries_older_than_the_audit_trail_get_a_genesis() {
        World plain = new World();
        EscalationId id = plain.acknowledged();
        World audited = new World(b -> b.auditTrail(new AuditSettings(subjectKeys, anchors, KEYS)), plain.memoryStore);
        audited.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "now audited", Visibility.INTERNAL));
        AuditTrail trail = audited.engine.auditTrail(SAM, id);
        assertThat(trail.genesis())
                .get()
                .satisfies(g -> assertThat(g.unverifiedEntries()).isEqualTo(2));
        assertThat(trail.records()).hasSize(1);
        assertThat(trail.records().get(0).previous())
                .isEqualTo(trail.genesis().get().hash());
        AuditVerification v = audited.engine.operations().audit().verify(SAM, id);
        assertThat(v.intact()).isTrue();
        assertThat(v.unverified()).isEqualTo(2);
    }

    /** A chain from the first entry needs no genesis: its first link is to the zero hash. */
    @Test
    void a_chain_from_the_first_entry_has_no_genesis() {
        World w = world();
        EscalationId id = w.active();
        AuditTrail trail = w.engine.auditTrail(SAM, id);
        assertThat(trail.genesis()).isEmpty();
        assertThat(trail.records().get(0).sequence()).isEqualTo(1);
        AuditVerification v = w.engine.operations().audit().verify(SAM, id);
        assertThat(v.intact()).isTrue();
        assertThat(v.unverified()).isZero();
    }

    /**
     * An escalation written only before the audit trail was on has no chain: it verifies as intact with every entry
     * unverified, and its entry count is no disagreement with an empty chain's length.
     */
    @Test
    void an_escalation_without_a_chain_verifies_with_every_entry_unverified() {
        World plain = new World();
        EscalationId id = plain.active();
        long entries = plain.stored(id).facts().entryCount();
        World audited = new World(b -> b.auditTrail(new AuditSettings(subjectKeys, anchors, KEYS)), plain.memoryStore);

        AuditVerification v = audited.engine.operations().audit().verify(SAM, id);

        assertThat(entries).isGreaterThan(1);
        assertThat(v.intact()).as("%s", v).isTrue();
        assertThat(v.unverified()).isEqualTo(entries);
        assertThat(audited.engine.auditTrail(SAM, id).records()).isEmpty();
    }

    /**
     * A scheduled anchoring run follows the change feed page by page (500 changes a page) to its end: an escalation
     * changed only after the first 500 changes is anchored by the same run.
     */
    @Test
    void a_scheduled_anchoring_run_follows_the_feed_past_its_first_page() {
        World w = world();
        EscalationId busy = w.active();
        for (int i = 0; i < 520; i++) {
            w.engine.logProgress(EVE, new LogProgress(busy, LogProgress.Kind.NOTE, "note " + i, Visibility.INTERNAL));
        }
        EscalationId late = w.escalatedOnNewCase("P-late");
        w.engine.operations().audit().scheduleAnchoring(SAM, java.time.Duration.ofDays(1));

        w.engine.operations().runScheduled();

        assertThat(anchors.latest(busy)).isPresent();
        assertThat(anchors.latest(late))
                .as("changed after the first page of the feed")
                .hasValueSatisfying(a ->
                        assertThat(a.length()).isEqualTo(w.stored(late).facts().entryCount()));
    }

    @Test
    void shredding_a_key_keeps_the_chain_verifiable() {
        World w = world();
        EscalationId id = w.active();
        subjectKeys.shred(new PartyRef(Party.Kind.CONTACT, "ina"));
        AuditVerification v = w.engine.operations().audit().verify(SAM, id);
        assertThat(v.intact()).isTrue();
        assertThat(v.uncheckable()).isEqualTo(1);
    }

    @Test
    void customers_may_not_read_the_trail() {
        World w = world();
        EscalationId id = w.escalated();
        assertThatThrownBy(() -> w.engine.auditTrail(INA, id)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void erasing_a_person_shreds_their_key_and_the_chain_still_verifies_against_its_anchor() {
        World w = world();
        EscalationId id = w.active();
        w.engine.logProgress(
                INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "Ina's own words", Visibility.CUSTOMER));
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time this week"));
        w.engine.close(EVE, new Close(id, null));
        w.engine.operations().audit().anchor(SAM, id);
        PartyRef ina = new PartyRef(Party.Kind.CONTACT, "ina");
        assertThat(subjectKeys.existingKey(ina)).isPresent();

        w.engine.operations().erasePerson(SAM, DataSubject.contact("ina"));

        assertThat(subjectKeys.existingKey(ina))
                .as("Ina's key is shredded with her data")
                .isEmpty();
        assertThat(w.log(id).toString()).doesNotContain("Ina's own words", "no time this week");
        AuditVerification v = w.engine.operations().audit().verify(SAM, id);
        assertThat(v.intact()).as("%s", v).isTrue();
        assertThat(v.uncheckable()).isPositive();
    }

    @Test
    void the_background_worker_takes_the_scheduled_checkpoints() throws InterruptedException {
        World w = world();
        EscalationId id = w.active();
        w.engine.start(java.time.Duration.ofMillis(20));
        try {
            Thread.sleep(200);
            assertThat(anchors.latest(id))
                    .as("nothing is anchored before anchoring is scheduled")
                    .isEmpty();

            w.engine.operations().audit().scheduleAnchoring(SAM, java.time.Duration.ofMinutes(10));
            long length = w.stored(id).facts().entryCount();
            awaitAnchor(id, length);

            w.engine.logProgress(
                    EVE, new LogProgress(id, LogProgress.Kind.NOTE, "after the first checkpoint", Visibility.INTERNAL));
            Thread.sleep(200);
            assertThat(anchors.latest(id).orElseThrow().length())
                    .as("not before the interval has passed")
                    .isEqualTo(length);
            w.clock.advance(java.time.Duration.ofMinutes(10));
            awaitAnchor(id, length + 1);
        } finally {
            w.engine.close();
        }
        assertThat(w.engine.operations().audit().verify(SAM, id).intact()).isTrue();
    }

    @Test
    void customers_may_not_schedule_anchoring_and_intervals_are_checked() {
        World w = world();
        assertThatThrownBy(() -> w.engine.operations().audit().scheduleAnchoring(INA, java.time.Duration.ofMinutes(1)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine.operations().audit().scheduleAnchoring(SAM, java.time.Duration.ZERO))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class, e -> assertThat(e.code()).isEqualTo("INVALID_COMMAND"));
    }

    @Test
    void a_cursor_the_feed_did_not_issue_is_refused_as_the_callers_input_not_as_an_outage() {
        World w = world();
        EscalationId id = w.escalated();
        for (String foreign : List.of("not-a-cursor", "\uFEFF", "99999999999999999999")) {
            assertThatThrownBy(() -> w.engine.operations().audit().anchorChanges(SAM, foreign, 10))
                    .as(foreign)
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(InvalidCommandException.Violation::code)
                                    .containsExactly("cursor.Cursor"));
        }
        assertThat(anchors.latest(id)).isEmpty();
        assertThat(w.engine
                        .operations()
                        .audit()
                        .anchorChanges(SAM, ChangeBatch.START, 10)
                        .anchored())
                .isEqualTo(1);
    }

    private void awaitAnchor(EscalationId id, long length) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (anchors.latest(id).map(a -> a.length()).orElse(0L) < length) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no anchor of length " + length + " for " + id + ": " + anchors.latest(id));
            }
            Thread.sleep(20);
        }
        assertThat(anchors.latest(id).orElseThrow().length()).isEqualTo(length);
    }

    /**
     * Anchoring through the change feed skips an escalation that retention deleted since its change: nothing is left
     * to anchor. Before, its {@code NOT_FOUND} ended the run, and every later run from before it, such as the
     * scheduled anchoring of a restarted engine, which starts from the beginning of the feed.
     */
    @Test
    void anchoringThroughTheFeedSkipsAnEscalationPurgedSinceItsChange() {
        World w = world();
        EscalationId withdrawn = w.escalated();
        w.engine.withdraw(INA, new Withdraw(withdrawn, "solved it ourselves"));
        w.engine.deliverPending();
        w.clock.advance(Duration.ofDays(40));
        assertThat(w.engine
                        .operations()
                        .applyRetention(SAM, RetentionPolicy.closedAfterMonths(1))
                        .escalations())
                .isEqualTo(1);
        EscalationId open = w.engine
                .escalate(World.IVY, new EscalateCase(World.C2, "Slow", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();

        AuditOperations.AnchorRun run = w.engine.operations().audit().anchorChanges(SAM, ChangeBatch.START, 100);

        assertThat(run.anchored()).isEqualTo(1);
        assertThat(run.unanchored()).isEmpty();
        assertThat(anchors.latest(open)).isPresent();
    }
}
