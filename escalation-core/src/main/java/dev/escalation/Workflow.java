package dev.escalation;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The common path of every change: validate, resolve the actor and the directory data the command needs, then one
 * unit of work in the store ({@link EscalationStore#changeForCustomer}/{@link EscalationStore#changeForVendor}) that
 * checks the action's row of the action table ({@link Lifecycle}: state, who, guards) against the stored escalation,
 * applies the row's body and decides the next version with its entries, side effects and due items; then publish
 * events. Nothing is written before every check has passed, so a refused command changes nothing, and no port is
 * called inside the unit of work but the store's own subject keys when it keeps them (SPI v2: {@link
 * EscalationStore#keepsSubjectKeys}), so a command is one transaction. Every command but {@code ESCALATE} ({@link
 * WorkflowIntake}) runs through its row with {@link #run}: the row carries the command's steps (field rules,
 * directory reads, body).
 */
final class Workflow {
    static final Logger LOG = Ports.LOG;
    /** Directory round trips a command may need (prefetch, then at most two reads asked for by the unit of work). */
    private static final int MAX_ROUNDS = 3;

    /** At most this many escalations are remembered per map (two generations of half of it, see {@link Recent}). */
    private static final int REMEMBERED_CUSTOMERS = 10_000;

    final Clock clock;
    final CustomerDirectory customers;
    final StaffDirectory staff;
    final EscalationStore store;
    final CommandValidator validator;
    final Lifecycle lifecycle;
    final DuePlanner planner;
    /** The audit chain, when the audit trail is on. */
    final Optional<AuditChain> audit;
    /** Where portal messages are kept, if the portal channel is on (erasure empties a person's inbox). */
    final Optional<PortalMessages> portal;

    /** The listeners that take events (an observer that keeps {@link EngineObserver#onEvent}'s no-op does not). */
    private final List<EscalationListener> listeners;
    /** The {@link EngineObserver}s among the listeners. */
    final Observers observers;
    /** The customer of each escalation seen lately (it never changes), so its calendar can be read beforehand. */
    private final Recent<EscalationId, CustomerId> customerOf = new Recent<>(REMEMBERED_CUSTOMERS / 2);
    /** The Incident Manager of each escalation seen lately (never changes), whose zone a plan row may need. */
    private final Recent<EscalationId, ContactId> raiserOf = new Recent<>(REMEMBERED_CUSTOMERS / 2);

    Workflow(EngineConfig config) {
        this.clock = config.clock();
        this.customers = config.customers();
        this.staff = config.staff();
        this.store = config.store();
        this.validator = config.validator();
        this.lifecycle = config.lifecycle();
        this.listeners = Observers.eventListeners(config.listeners());
        this.observers = new Observers(config.listeners());
        this.planner = config.planner();
        this.portal = config.portal();
        this.audit = config.audit()
                .map(a -> new AuditChain(a, store.capabilities().instantPrecision(), store.keepsSubjectKeys(a.keys())));
    }

    // ------------------------------------------------------------------ the actor

    Principal resolve(Actor actor) {
        Inputs.actor(actor);
        if (actor.kind() == Actor.Kind.CONTACT) {
            Touchpoint t = call(() -> customers.touchpoint(ContactId.of(actor.id())))
                    .filter(Touchpoint::active)
                    .orElseThrow(() -> new NotAuthorizedException(
                            actor,
                            null,
                            null,
                            NotAuthorizedException.Reason.INACTIVE,
                            actor + " is not an authorised customer contact"));
            return new Principal(actor, Optional.of(t), Optional.empty());
        }
        StaffMember m = call(() -> staff.member(StaffId.of(actor.id())))
                .filter(StaffMember::active)
                .orElseThrow(() -> new NotAuthorizedException(
                        actor,
                        null,
                        null,
                        NotAuthorizedException.Reason.INACTIVE,
                        actor + " is not an active staff member"));
        return new Principal(actor, Optional.empty(), Optional.of(m));
    }

    /**
     * The actor's principal if vendor staff (with {@code role}, or Head of Support, unless {@code role} is null);
     * {@code NOT_STAFF} or {@code WRONG_ROLE} otherwise. {@code what} names the vendor-scoped operation.
     */
    Principal staff(Actor actor, @Nullable StaffRole role, String what) {
        Principal p = resolve(actor);
        if (p.staff().isEmpty()) {
            throw new NotAuthorizedException(
                    actor,
                    null,
                    null,
                    NotAuthorizedException.Reason.NOT_STAFF,
                    actor + " is not vendor staff; " + what + " is vendor-scoped");
        }
        if (role != null && !p.hasStaffRole(role, StaffRole.HEAD_OF_SUPPORT)) {
            throw new NotAuthorizedException(
                    actor,
                    null,
                    null,
                    NotAuthorizedException.Reason.WRONG_ROLE,
                    actor + " needs the " + role + " role");
        }
        return p;
    }

    // ------------------------------------------------------------------ the unit of work

    /**
     * Runs {@code command} through the row of {@code action} ({@link Lifecycle}): validate (the row's field rules),
     * resolve the actor, prepare (the directory reads the row needs), then one unit of work: load, check the row
     * (state, who, guards), apply the row's body, write; then publish and return the actor's view.
     */
    <C> EscalationView run(Action action, Actor actor, C command) {
        return observers.command(action, () -> runRow(action, actor, command));
    }

    private <C> EscalationView runRow(Action action, Actor actor, C command) {
        ActionRow<C> row = lifecycle.rowFor(action, command);
        ActionRow.Steps<C> steps = row.steps();
        steps.validate().check(command, clock, validator);
        observers.validated(action);
        Principal p = resolve(actor);
        Lookups lookups = lookups();
        steps.prepare().read(command, lookups, customers, staff);
        EscalationId id = steps.target().apply(command);
        Instant now = clock.instant();
        ActionRow.When when = when(now); // immutable: the check and the view's actions share it
        prefetch(lookups, p, id, action);
        AuditChain.Keys keys = auditKeys(actor, command);
        Draft.Written written = run(p, id, lookups, keys, current -> {
            ExpectedVersions.check(command, current);
            EscalationState next = lifecycle.check(p, current, action, when);
            Draft d = new Draft(current, now);
            d.chain = audit.orElse(null);
            d.keys = keys;
            d.state = next;
            steps.body().apply(command, p, current, d, lookups);
            d.planInvitation().ifPresent(sequence -> PlanSeries.invite(d, lookups, planner.sla(), sequence));
            return d.finish(planner, lookups);
        });
        if (audit.isPresent()) {
            observers.hashed(written.entries().size());
        }
        EscalationState from = written.from();
        if (LOG.isInfoEnabled()) { // no MDC round trip for a line nobody logs
            withMdc(
                    id,
                    () -> LOG.info(
                            "escalation {} {} by {}: {} -> {}",
                            id,
                            action,
                            actor,
                            from,
                            written.next().state()));
        }
        publish(written);
        return Views.view(p, written.next(), lifecycle, when);
    }

    /**
     * Runs a unit of work in the actor's scope: a contact's in its customer's, staff in the vendor's. Directory data
     * or audit keys the work asks for ({@link Lookups.Missing}, {@link AuditChain.Missing}) are read outside the
     * transaction and the work runs again, up to {@value #MAX_ROUNDS} times each: an escalation that needs other data
     * every time it is read is changing under the command, which then fails as a retryable
     * {@link EscalationConflictException}, having changed nothing.
     */
    private Draft.Written run(
            Principal p, EscalationId id, Lookups lookups, AuditChain.Keys keys, UnitOfWork<Draft.Written> work) {
        CustomerId scope = p.isContact() ? p.contact().get().customer() : null;
        Ports.Inside inside = new Ports.Inside(); // what the engine's code throws in decide is not the store's failure
        UnitOfWork<Draft.Written> keyed = new UnitOfWork<>() {
            @Override
            public UnitOfWork.Decision<Draft.Written> decide(StoredEscalation current) {
                keys.inTransaction = null;
                return inside.run(() -> work.decide(inScope(current)));
            }

            @Override
            public UnitOfWork.Decision<Draft.Written> decide(StoredEscalation current, SubjectKeys tx) {
                if (!audit.map(a -> a.keysInStore).orElse(false)) {
                    return decide(current); // the store's keys are not the engine's
                }
                keys.bind(tx);
                try {
                    return inside.run(() -> work.decide(inScope(current)));
                } finally {
                    keys.inTransaction = null;
                }
            }

            private StoredEscalation inScope(StoredEscalation current) {
                if (!StoreRows.asked("command's load", current, id, scope)) {
                    throw notFound(id); // the store broke its scope or loaded another escalation: change none
                }
                return current;
            }
        };
        for (int round = 1, keyRounds = 0; ; round++) {
            try {
                Optional<Draft.Written> result = scope != null
                        ? call(() -> store.changeForCustomer(scope, id, keyed), inside::threwOrRefused)
                        : call(() -> store.changeForVendor(id, keyed), inside::threwOrRefused);
                Draft.Written w = result.orElseThrow(() -> notFound(id));
                customerOf.put(id, w.next().customer());
                raiserOf.put(id, w.next().raisedBy());
                return w;
            } catch (Lookups.Missing missing) {
                if (missing.account != null) {
                    customerOf.put(id, missing.account);
                }
                if (round == MAX_ROUNDS) { // each round's escalation needed other data: it keeps changing
                    throw new EscalationConflictException(id, missing);
                }
                lookups.read(missing, customers, staff);
            } catch (AuditChain.Missing missing) {
                if (++keyRounds == MAX_ROUNDS) {
                    throw new EscalationConflictException(id, missing);
                }
                round--;
                audit.orElseThrow().keysFor(keys, missing.subjects);
            } catch (StaleVersionException stale) {
                throw new EscalationConflictException(id, stale);
            }
        }
    }

    /** What the table's guards read at {@code now} besides the escalation (the plan answer window). */
    ActionRow.When when(Instant now) {
        return new ActionRow.When(
                now,
                r -> PlanRows.answerDue(planner.sla(), r),
                id -> Ports.call(() -> staff.member(id)).isPresent());
    }

    /** The author's audit key, read before the unit of work (others are asked for by {@link AuditChain.Missing}). */
    AuditChain.Keys auditKeys(Actor actor) {
        return auditKeys(actor, null);
    }

    /**
     * The author's key and, for a contact or staff member added by {@code command}, the participant's: no retry for
     * it. Not an external participant's, whose subject is their e-mail address: that key is made only when the unit of
     * work asks for it ({@link AuditChain.Missing}), after the command's checks, so a refused addition keeps no address
     * in the key store. None when the store keeps the keys: the unit of work reads those it needs inside the command's
     * transaction.
     */
    private AuditChain.Keys auditKeys(Actor actor, @org.jspecify.annotations.Nullable Object command) {
        AuditChain.Keys keys = new AuditChain.Keys();
        AuditChain a = audit.orElse(null);
        if (a == null || a.keysInStore) {
            return keys;
        }
        a.keyFor(
                keys,
                new dev.escalation.spi.PartyRef(
                        actor.kind() == Actor.Kind.CONTACT
                                ? dev.escalation.model.Party.Kind.CONTACT
                                : dev.escalation.model.Party.Kind.STAFF,
                        actor.id()));
        if (command instanceof dev.escalation.command.AddParticipant) {
            dev.escalation.command.AddParticipant add = (dev.escalation.command.AddParticipant) command;
            if (add.participantId() != null && add.kind() != dev.escalation.model.Party.Kind.EXTERNAL) {
                a.keyFor(keys, new dev.escalation.spi.PartyRef(add.kind(), add.participantId()));
            }
        }
        return keys;
    }

    /** An empty {@link Lookups} for one command. */
    Lookups lookups() {
        return new Lookups(planner.sla().vendor().zone(), planner.sla().known());
    }

    /**
     * Reads the contract calendar of the customer the escalation is known to belong to, before the store call, and
     * for a staff member's plan row its Incident Manager (whose zone the plan's series repeats in).
     */
    private void prefetch(Lookups lookups, Principal p, EscalationId id, Action action) {
        CustomerId customer = p.isContact() ? p.contact().get().customer() : customerOf.get(id);
        if (customer != null) {
            lookups.readAccount(customer, customers);
        }
        ContactId raiser = p.isContact() || !PlanRows.SERIES_ZONE.contains(action) ? null : raiserOf.get(id);
        if (raiser != null) {
            lookups.readContact(raiser, customers);
        }
    }

    void remember(StoredEscalation r) {
        customerOf.put(r.id(), r.customer());
        raiserOf.put(r.id(), r.raisedBy());
    }

    /** The customer of an escalation seen lately (read or written by this engine), or {@code null}. */
    @Nullable
    CustomerId knownCustomer(EscalationId id) {
        return customerOf.get(id);
    }

    static EscalationNotFoundException notFound(EscalationId id) {
        return new EscalationNotFoundException("escalation " + id);
    }

    // ------------------------------------------------------------------ ports and events

    /** See {@link Ports#call}. */
    static <T> T call(Supplier<T> port) {
        return Ports.call(port);
    }

    /** See {@link Ports#call(Supplier, Predicate)}. */
    static <T> T call(Supplier<T> port, Predicate<RuntimeException> named) {
        return Ports.call(port, named);
    }

    void publish(Draft.Written written) {
        StoredEscalation record = written.next();
        if (listeners.isEmpty()) {
            return;
        }
        withMdc(record.id(), () -> {
            for (StoredEntry e : written.entries()) {
                EscalationEvent event = new EscalationEvent(
                        record.id(), record.customer(), record.state(), record.version(), TimelineEntry.of(e));
                for (EscalationListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (Throwable ex) { // the change is committed: a listener's failure, Errors too, is its own
                        if (Ports.fatal(ex)) {
                            throw (Error) ex;
                        }
                        LOG.warn(
                                "listener {} failed on {} of escalation {}: {}",
                                l.getClass().getName(),
                                e.kind(),
                                record.id(),
                                ex.getClass().getName());
                    }
                }
            }
        });
    }

    static void withMdc(EscalationId id, Runnable r) {
        Ports.withMdc(id, r);
    }
}
