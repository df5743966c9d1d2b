package dev.escalation;

import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The common path of every change: validate, resolve the actor and the directory data the command needs, then one
 * unit of work in the store ({@link EscalationStore#changeForCustomer}/{@link EscalationStore#changeForVendor}) that
 * checks the transition, the guards and the authorisation against the stored escalation and decides the next version
 * with its entries, side effects and due items; then publish events. Nothing is written before every check has
 * passed, so a refused command changes nothing, and no port is called inside the unit of work. The commands
 * themselves live in {@link WorkflowIntake}, {@link WorkflowSupport}, {@link WorkflowManager} and
 * {@link WorkflowClosure}.
 */
final class Workflow {
    static final Logger LOG = LoggerFactory.getLogger(EscalationEngine.class);
    static final String MDC_KEY = "escalationId";
    /** Directory round trips a command may need (prefetch, then at most two reads asked for by the unit of work). */
    private static final int MAX_ROUNDS = 3;

    private static final int REMEMBERED_CUSTOMERS = 10_000;

    final Clock clock;
    final CustomerDirectory customers;
    final StaffDirectory staff;
    final EscalationStore store;
    final CommandValidator validator;
    final Lifecycle lifecycle;
    final DuePlanner planner;
    private final List<EscalationListener> listeners;
    /** The customer of each escalation seen lately (it never changes), so its calendar can be read beforehand. */
    private final Map<EscalationId, CustomerId> customerOf =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<EscalationId, CustomerId> eldest) {
                    return size() > REMEMBERED_CUSTOMERS;
                }
            });

    Workflow(
            Clock clock,
            CustomerDirectory customers,
            StaffDirectory staff,
            EscalationStore store,
            CommandValidator validator,
            Lifecycle lifecycle,
            List<EscalationListener> listeners,
            DuePlanner planner) {
        this.clock = clock;
        this.customers = customers;
        this.staff = staff;
        this.store = store;
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.planner = planner;
    }

    // ------------------------------------------------------------------ the actor

    Principal resolve(Actor actor) {
        Inputs.actor(actor);
        if (actor.kind() == Actor.Kind.CONTACT) {
            Touchpoint t = call(() -> customers.touchpoint(ContactId.of(actor.id())))
                    .filter(Touchpoint::active)
                    .orElseThrow(() ->
                            new NotAuthorizedException(actor, null, actor + " is not an authorised customer contact"));
            return new Principal(actor, Optional.of(t), Optional.empty());
        }
        StaffMember m = call(() -> staff.member(StaffId.of(actor.id())))
                .filter(StaffMember::active)
                .orElseThrow(() -> new NotAuthorizedException(actor, null, actor + " is not an active staff member"));
        return new Principal(actor, Optional.empty(), Optional.of(m));
    }

    // ------------------------------------------------------------------ the unit of work

    /** The part of a command that differs: authorise the principal for the escalation, then fill the draft. */
    @FunctionalInterface
    interface Change {
        void apply(Principal principal, StoredEscalation current, Draft draft, Lookups lookups);
    }

    /**
     * A lifecycle command: validate, resolve the actor, let {@code prepare} read the directory data the command
     * needs (people it names, role groups) and return the change, then decide in one unit of work.
     */
    EscalationView change(
            Actor actor,
            Action action,
            Object cmd,
            EscalationId id,
            List<Violation> extra,
            Function<Principal, Change> prepare) {
        validator.check(cmd, extra);
        Principal p = resolve(actor);
        Change change = prepare.apply(p);
        Instant now = clock.instant();
        Lookups lookups = lookupsFor(p, id);
        Draft.Written written = run(p, id, lookups, current -> {
            EscalationState next =
                    lifecycle.next(current.state(), action).orElseThrow(() -> illegal(current, action, null));
            Draft d = new Draft(current, now);
            d.state = next;
            change.apply(p, current, d, lookups);
            return d.finish(planner, lookups);
        });
        EscalationState from = written.from();
        withMdc(
                id,
                () -> LOG.info(
                        "escalation {} {} by {}: {} -> {}",
                        id,
                        action,
                        actor,
                        from,
                        written.next().state()));
        publish(written);
        return Views.view(p, written.next(), lifecycle);
    }

    /** A change without a lifecycle transition, by Support Management, on an open escalation. */
    EscalationView amend(Actor actor, EscalationId id, String what, Change change) {
        Principal p = resolve(actor);
        requireManagement(p, what);
        Instant now = clock.instant();
        Lookups lookups = lookupsFor(p, id);
        Draft.Written written = run(p, id, lookups, current -> {
            if (!current.state().isOpen()) {
                throw invalid(
                        "escalation", "Open", "is " + current.state() + "; a final escalation cannot " + what.strip());
            }
            Draft d = new Draft(current, now);
            change.apply(p, current, d, lookups);
            return d.finish(planner, lookups);
        });
        withMdc(id, () -> LOG.info("escalation {}: {} by {}", id, what, actor));
        publish(written);
        return Views.view(p, written.next(), lifecycle);
    }

    /**
     * Runs a unit of work in the actor's scope: a contact's in its customer's, staff in the vendor's. Directory data
     * the work asks for ({@link Lookups.Missing}) is read outside the transaction and the work runs again.
     */
    private Draft.Written run(Principal p, EscalationId id, Lookups lookups, UnitOfWork<Draft.Written> work) {
        for (int round = 1; ; round++) {
            try {
                Optional<Draft.Written> result;
                if (p.isContact()) {
                    CustomerId customer = p.contact().get().customer();
                    result = call(() -> store.changeForCustomer(customer, id, current -> {
                        if (!current.customer().equals(customer)) {
                            throw notFound(id); // the store broke its scope; never leak
                        }
                        return work.decide(current);
                    }));
                } else {
                    result = call(() -> store.changeForVendor(id, work));
                }
                Draft.Written w = result.orElseThrow(() -> notFound(id));
                customerOf.put(id, w.next().customer());
                return w;
            } catch (Lookups.Missing missing) {
                if (missing.account != null) {
                    customerOf.put(id, missing.account);
                }
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("escalation " + id + " still lacks directory data", missing);
                }
                lookups.read(missing, customers, staff);
            } catch (StaleVersionException stale) {
                throw new EscalationConflictException(id, stale);
            }
        }
    }

    /** Reads the contract calendar of the customer the escalation is known to belong to, before the store call. */
    Lookups lookupsFor(Principal p, EscalationId id) {
        Lookups lookups = new Lookups();
        CustomerId customer = p.isContact() ? p.contact().get().customer() : customerOf.get(id);
        if (customer != null) {
            lookups.readAccount(customer, customers);
        }
        return lookups;
    }

    void remember(StoredEscalation r) {
        customerOf.put(r.id(), r.customer());
    }

    static EscalationNotFoundException notFound(EscalationId id) {
        return new EscalationNotFoundException("escalation " + id);
    }

    // ------------------------------------------------------------------ checks

    IllegalTransitionException illegal(StoredEscalation r, Action action, @Nullable String message) {
        Set<Action> allowed = lifecycle.allowedIn(r.state());
        String text = message != null
                ? message
                : "escalation " + r.id() + " is " + r.state() + "; " + hint(r.state(), action, allowed);
        return new IllegalTransitionException(r.id(), r.state(), action, allowed, text);
    }

    private String hint(EscalationState state, Action action, Set<Action> allowed) {
        if (state == EscalationState.REQUESTED && lifecycle.statesOf(action).contains(EscalationState.ACKNOWLEDGED)) {
            return "appoint an Escalation Manager before you " + words(action);
        }
        if (state == EscalationState.ACKNOWLEDGED && lifecycle.statesOf(action).contains(EscalationState.ACTIVE)) {
            return "agree a communication plan before you " + words(action);
        }
        if (!state.isOpen()) {
            return "it is final; nothing can be changed";
        }
        return "cannot " + words(action) + " now (allowed: " + allowed + ")";
    }

    static String words(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static void requireStaffRole(Principal p, Action action, StaffRole... roles) {
        if (!p.hasStaffRole(roles)) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    p.actor() + " may not " + words(action) + ": it needs one of the staff roles " + List.of(roles));
        }
    }

    static void requireManager(Principal p, StoredEscalation r, Action action) {
        boolean isManager = p.staff().isPresent()
                && r.manager().equals(Optional.of(p.staff().get().id()));
        if (!isManager) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    "only the appointed Escalation Manager of escalation " + r.id() + " may " + words(action) + "; "
                            + p.actor() + " is not");
        }
    }

    static void requireIncidentManager(Principal p, StoredEscalation r, Action action) {
        boolean ok = p.isContact()
                && p.contact().get().customer().equals(r.customer())
                && p.hasCustomerRole(CustomerRole.INCIDENT_MANAGER);
        if (!ok) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    p.actor() + " is not an Incident Manager of customer " + r.customer() + " and may not "
                            + words(action));
        }
    }

    static void requireManagement(Principal p, String what) {
        if (!p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT)) {
            throw new NotAuthorizedException(
                    p.actor(),
                    null,
                    p.actor() + " may not " + what
                            + ": it needs one of the staff roles [SUPPORT_MANAGEMENT, HEAD_OF_SUPPORT]");
        }
    }

    static InvalidCommandException invalid(String field, String rule, String message) {
        return new InvalidCommandException(List.of(Violation.of(field, rule, message)));
    }

    // ------------------------------------------------------------------ people

    /**
     * The Incident Manager who raised the escalation, as a party: as listed among the participants, else as the
     * directory (read before the unit of work, see {@link Lookups}) knows them.
     */
    static Party raiser(StoredEscalation r, Lookups lookups) {
        return participant(r, Party.Kind.CONTACT, r.raisedBy().value())
                .or(() -> lookups.contact(r.raisedBy()))
                .orElseThrow(() -> new EscalationUnavailableException(
                        "contact " + r.raisedBy() + " is missing from the customer directory", null));
    }

    /**
     * The appointed Escalation Manager as a party: as listed among the participants, else as the directory knows them.
     */
    static Optional<Party> manager(StoredEscalation r, Lookups lookups) {
        return r.manager()
                .flatMap(id -> participant(r, Party.Kind.STAFF, id.value()).or(() -> lookups.member(id)));
    }

    static Optional<Party> participant(StoredEscalation r, Party.Kind kind, String id) {
        return r.participants().stream()
                .filter(x -> x.kind() == kind && x.id().equals(id))
                .findFirst();
    }

    /** The participants, without the actor. */
    static List<Party> recipients(Draft d, Principal actor) {
        List<Party> result = new ArrayList<>(d.participants.size());
        for (Party x : d.participants) {
            if (!x.id().equals(actor.actor().id())) {
                result.add(x);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ ports and events

    /** Calls a store or directory; its unavailability becomes the engine's retryable error. */
    static <T> T call(Supplier<T> port) {
        try {
            return port.get();
        } catch (UnavailableException e) {
            throw new EscalationUnavailableException(
                    "a backend is unavailable; nothing was changed, try again " + "later", e);
        }
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
                    } catch (RuntimeException ex) {
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
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id.value());
        try {
            r.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
