package dev.escalation;

import dev.escalation.PersonalDataExport.Role;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Capability;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Personal data: erasure and export of one person, and the retention policy (on call or on the background worker),
 * each authorised for Support Management or Head of Support, on a store with the {@code RETENTION} capability.
 */
final class WorkflowPrivacy {
    private final Workflow w;
    private final WorkflowReads reads;
    private final Object lock = new Object();
    private @Nullable RetentionPolicy scheduled;
    private Duration every = Duration.ZERO;
    private Instant nextRun = Instant.MIN;

    WorkflowPrivacy(Workflow w, WorkflowReads reads) {
        this.w = w;
        this.reads = reads;
    }

    private DataRetention retention() {
        if (!w.store.capabilities().has(Capability.RETENTION)) {
            throw new UnsupportedQueryException(
                    "erasure, export and retention need a store with the RETENTION " + "capability");
        }
        return w.store
                .retention()
                .orElseThrow(() -> new UnsupportedQueryException("the store declares RETENTION but has no facet"));
    }

    private static PartyRef person(@Nullable DataSubject person) {
        Inputs.notNull(person, "person");
        Inputs.notNull(person.kind(), "person.kind");
        if (person.kind() == Party.Kind.EXTERNAL) {
            Inputs.address(person.id(), "person.id"); // their id is the address they were added with
        } else {
            Inputs.id(person.id(), "person.id");
        }
        return new PartyRef(person.kind(), person.id());
    }

    private PersonalData read(DataRetention retention, PartyRef person) {
        try {
            PersonalData data = Ports.call(() -> retention.exportPerson(person));
            if (!data.person().equals(person)) { // a store fault: another person's data is neither shown nor erased
                Ports.LOG.warn(
                        "store fault: the export of a {}'s data returned another person's; not used", person.kind());
                throw new EscalationUnavailableException(
                        "the store exported another person's data; try again later", null);
            }
            return data;
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedQueryException("the store does not export a person's data");
        }
    }

    ErasureReport erasePerson(Actor actor, @Nullable DataSubject person) {
        reads.requireStaff(Inputs.actor(actor), StaffRole.SUPPORT_MANAGEMENT);
        PartyRef p = person(person);
        DataRetention retention = retention();
        Set<EscalationId> touched = new TreeSet<>(java.util.Comparator.comparing(EscalationId::value));
        List<EscalationId> open = new ArrayList<>();
        for (StoredEscalation s : read(retention, p).escalations()) {
            touched.add(s.id());
            if (s.state().isOpen()) {
                open.add(s.id());
            }
        }
        if (!open.isEmpty()) {
            throw new PersonInOpenEscalationException(open);
        }
        ErasureCounts c = Ports.call(() -> retention.erasePerson(p, ErasureReport.MARKER));
        // crypto-shredding: the chain keeps only HMAC commitments of the erased values, which now verify without them
        w.audit.ifPresent(chain -> shred(chain, p));
        // the portal inbox holds rendered copies of notifications to them: removed whole
        long portal =
                w.portal.map(m -> (long) Ports.call(() -> m.eraseRecipient(p))).orElse(0L);
        Ports.LOG.info(
                "erased a {} by {}: {} escalations, {} entries, {} messages, {} due items changed, {} portal messages"
                        + " removed",
                p.kind(),
                actor,
                c.escalations(),
                c.entries(),
                c.messages(),
                c.dueItems(),
                portal);
        return new ErasureReport(
                p.kind(),
                p.id(),
                w.clock.instant(),
                c.escalations(),
                c.entries(),
                c.messages(),
                c.dueItems(),
                portal,
                List.copyOf(touched));
    }

    /**
     * Shreds the person's audit key once their values are erased. A key store that fails then is {@code UNAVAILABLE}
     * saying what it is: the values are erased, the key is not (verification reports their values as changed until
     * it is), and {@code erasePerson} given again finishes it; not "nothing was changed".
     */
    private static void shred(AuditChain chain, PartyRef p) {
        try {
            Ports.call(() -> chain.keys().shred(p));
        } catch (EscalationUnavailableException e) {
            Ports.LOG.warn("erasure of a {}: values erased, audit key not shredded (key store failed)", p.kind());
            throw new EscalationUnavailableException(
                    "the person's values were erased but the key store failed to shred their audit key; call"
                            + " erasePerson again to finish",
                    e);
        }
    }

    PersonalDataExport exportPerson(Actor actor, @Nullable DataSubject person) {
        reads.requireStaff(Inputs.actor(actor), StaffRole.SUPPORT_MANAGEMENT);
        PartyRef p = person(person);
        PersonalData data = read(retention(), p);
        Set<String> names = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        Map<EscalationId, Set<Role>> roles = new LinkedHashMap<>();
        for (PersonalData.Entry e : data.entries()) {
            Set<Role> r = roles.computeIfAbsent(e.escalation(), k -> EnumSet.noneOf(Role.class));
            r.add(wrote(p, e.entry()) ? Role.WROTE : Role.NAMED);
            if (!wrote(p, e.entry()) && e.entry().params().get("participantName") instanceof EntryParam.Text t) {
                names.add(t.value());
            }
        }
        List<PersonalDataExport.Involvement> involvements = new ArrayList<>();
        for (StoredEscalation s : data.escalations()) {
            Set<Role> r = roles.computeIfAbsent(s.id(), k -> EnumSet.noneOf(Role.class));
            boolean raised =
                    p.kind() == Party.Kind.CONTACT && s.raisedBy().value().equals(p.id());
            if (raised) {
                r.add(Role.RAISED);
            }
            if (s.manager()
                    .filter(m -> p.kind() == Party.Kind.STAFF && m.value().equals(p.id()))
                    .isPresent()) {
                r.add(Role.MANAGER);
            }
            if (s.resolution()
                    .filter(x -> p.kind() == Party.Kind.STAFF
                            && x.resolvedBy().value().equals(p.id()))
                    .isPresent()) {
                r.add(Role.RESOLVED);
            }
            for (Party party : s.participants()) {
                if (PartyRef.of(party).equals(p)) {
                    r.add(Role.PARTICIPANT);
                    names.add(party.displayName());
                    addresses.add(party.email());
                }
            }
            s.lessonsLearned()
                    .ifPresent(l -> l.attendees().stream()
                            .filter(a -> PartyRef.of(a).equals(p))
                            .forEach(a -> {
                                r.add(Role.ATTENDEE);
                                names.add(a.displayName());
                                addresses.add(a.email());
                            }));
            s.lessonsLearned()
                    .filter(l -> l.actions().stream().anyMatch(a -> a.mayBeOwnedBy(p.kind(), p.id())))
                    .ifPresent(l -> r.add(Role.ACTION_OWNER));
            if (r.isEmpty()) {
                r.add(Role.NAMED);
            }
            involvements.add(new PersonalDataExport.Involvement(
                    s.id(),
                    s.customer(),
                    s.caseId(),
                    s.state(),
                    s.raisedAt(),
                    r,
                    raised ? Optional.of(s.message()) : Optional.empty()));
        }
        List<PersonalDataExport.Entry> entries = new ArrayList<>();
        for (PersonalData.Entry x : data.entries()) {
            StoredEntry e = x.entry();
            boolean wrote = wrote(p, e);
            Map<String, String> texts = new LinkedHashMap<>();
            e.params().forEach((k, v) -> {
                if (v instanceof EntryParam.Text t && (wrote || k.equals("participantName"))) {
                    texts.put(k, t.value());
                }
            });
            entries.add(new PersonalDataExport.Entry(
                    x.escalation(),
                    e.sequence(),
                    e.at(),
                    e.kind(),
                    e.visibility(),
                    wrote,
                    wrote ? e.text() : Optional.empty(),
                    texts));
        }
        List<PersonalDataExport.Message> messages = new ArrayList<>();
        for (OutboxMessage m : data.messages()) {
            List<Party> parties = parties(m);
            boolean toThem = false;
            for (Party party : parties) {
                if (PartyRef.of(party).equals(p)) {
                    toThem = true;
                    names.add(party.displayName());
                    addresses.add(party.email());
                }
            }
            messages.add(new PersonalDataExport.Message(
                    m.id(),
                    m.escalation(),
                    WorkflowOutbox.deadLetter(m).effect(),
                    toThem,
                    m.createdAt(),
                    m.deadCode()));
        }
        List<PersonalDataExport.Due> due = new ArrayList<>();
        for (DueItem d : data.dueItems()) {
            due.add(new PersonalDataExport.Due(d.escalation(), d.kind(), d.step(), d.dueAt()));
        }
        names.remove(ErasureReport.MARKER);
        addresses.remove(ErasureReport.MARKER);
        Ports.LOG.info("exported a {} for {}: {} escalations", p.kind(), actor, involvements.size());
        return new PersonalDataExport(
                p.kind(), p.id(), w.clock.instant(), names, addresses, involvements, entries, messages, due);
    }

    private static boolean wrote(PartyRef p, StoredEntry e) {
        return e.actor().id().equals(p.id())
                && e.actor().kind().name().equals(p.kind().name());
    }

    private static List<Party> parties(OutboxMessage m) {
        List<Party> parties = new ArrayList<>();
        if (m.effect() instanceof NotificationRequest n) {
            parties.add(n.recipient());
            n.invite().ifPresent(i -> {
                parties.add(i.organizer());
                parties.addAll(i.attendees());
            });
        } else if (m.effect() instanceof TicketCommand.AddParticipant a) {
            parties.add(a.participant());
        } else if (m.effect() instanceof TicketCommand.RemoveParticipant r) {
            parties.add(r.participant());
        }
        return parties;
    }

    RetentionReport applyRetention(Actor actor, RetentionPolicy policy) {
        reads.requireStaff(Inputs.actor(actor), StaffRole.SUPPORT_MANAGEMENT);
        check(policy);
        retention();
        RetentionReport report = apply(policy);
        Ports.LOG.info(
                "retention by {}: {} escalations and {} delivered messages purged in {} batches, {} portal messages"
                        + " removed, those of {} escalations kept",
                actor,
                report.escalations(),
                report.messages(),
                report.batches(),
                report.portalMessages(),
                report.portalKept());
        return report;
    }

    private Duration check(@Nullable RetentionPolicy policy) {
        Inputs.notNull(policy, "policy");
        if (policy.closedMonths() < 1 || policy.closedMonths() > 1200) {
            throw Inputs.invalid("policy.closedMonths", "Range", "must be between 1 and 1200");
        }
        if (policy.batchSize() < 1 || policy.batchSize() > 10_000) {
            throw Inputs.invalid("policy.batchSize", "Range", "must be between 1 and 10000");
        }
        Duration window = w.store.capabilities().deduplicationWindow();
        Duration delivered = policy.deliveredFor().orElse(window);
        if (delivered.compareTo(Duration.ofDays(36_500)) > 0) {
            throw Inputs.invalid("policy.deliveredFor", "Max", "must be at most 100 years");
        }
        if (delivered.compareTo(window) < 0) {
            throw Inputs.invalid(
                    "policy.deliveredFor",
                    "Min",
                    "must be at least the store's de-duplication window "
                            + window.toString().toLowerCase(Locale.ROOT));
        }
        return delivered;
    }

    /** Purges in batches, each its own transaction, until a batch comes back short ({@link RetentionBatches}). */
    private RetentionReport apply(RetentionPolicy policy) {
        Duration delivered = check(policy);
        DataRetention retention = retention();
        Instant now = w.clock.instant();
        Instant closedBefore =
                now.atOffset(ZoneOffset.UTC).minusMonths(policy.closedMonths()).toInstant();
        Instant deliveredBefore = now.minus(delivered);
        int size = policy.batchSize();
        FinalPurge purge = new FinalPurge(retention, w.portal); // with the portal messages about them
        RetentionBatches escalations =
                RetentionBatches.run("purgeFinalBefore", size, () -> purge.batch(closedBefore, size));
        RetentionBatches messages = RetentionBatches.run(
                "purgeDeliveredBefore", size, () -> retention.purgeDeliveredBefore(deliveredBefore, now, size));
        return new RetentionReport(
                closedBefore,
                deliveredBefore,
                escalations.purged(),
                messages.purged(),
                escalations.batches() + messages.batches(),
                purge.portalMessages(),
                purge.portalKept());
    }

    void scheduleRetention(Actor actor, RetentionPolicy policy, Duration interval) {
        reads.requireStaff(Inputs.actor(actor), StaffRole.SUPPORT_MANAGEMENT);
        check(policy);
        retention();
        Inputs.interval(interval);
        synchronized (lock) {
            scheduled = policy;
            every = interval;
            nextRun = Instant.MIN;
        }
        Ports.LOG.info("retention scheduled by {} every {}", actor, interval);
    }

    /** When a scheduled run that failed (the store down) is tried again, at the latest. */
    static final Duration RETRY_FAILED = Duration.ofMinutes(1);

    /**
     * Applies the scheduled policy if its time has come (called by the background worker). A run that fails is due
     * again {@link #RETRY_FAILED} later (or at the interval, if shorter), not a whole interval later.
     */
    void runScheduled() {
        RetentionPolicy policy;
        Instant now = w.clock.instant();
        synchronized (lock) {
            policy = scheduled;
            if (policy == null || now.isBefore(nextRun)) {
                return;
            }
            nextRun = now.plus(every);
        }
        RetentionReport report;
        try {
            report = apply(policy);
        } catch (RuntimeException | Error e) {
            synchronized (lock) { // an outage at the scheduled time: tried again soon, not a whole interval later
                if (scheduled == policy) {
                    nextRun = now.plus(every.compareTo(RETRY_FAILED) < 0 ? every : RETRY_FAILED);
                }
            }
            throw e;
        }
        Ports.LOG.info(
                "scheduled retention: {} escalations and {} delivered messages purged in {} batches, {} portal"
                        + " messages removed, those of {} escalations kept",
                report.escalations(),
                report.messages(),
                report.batches(),
                report.portalMessages(),
                report.portalKept());
    }
}
