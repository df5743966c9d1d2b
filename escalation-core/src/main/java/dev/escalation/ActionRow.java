package dev.escalation;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StoredEscalation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One row of the action table ({@link Lifecycle}): the action, the states it is allowed in with the state each leads
 * to, who may take it (role <em>and</em> identity), the guards on the escalation's stored details and what the action
 * does with its command ({@link Steps}: the command's content rules, the directory reads before the unit of work and
 * the body). Typed by the command it handles.
 *
 * @param <C>         the command's type
 * @param action      the action
 * @param transitions from-state to to-state; empty for an action that creates the escalation
 * @param who         who may take it
 * @param guards      the conditions on the escalation's details, checked in order after who
 * @param steps       what the action does with its command, or {@code null} for the creating row ({@code ESCALATE},
 *                    whose body cannot run on a stored escalation; see {@link Lifecycle})
 */
record ActionRow<C>(
        Action action,
        Map<EscalationState, EscalationState> transitions,
        ActionRow.Who who,
        List<ActionRow.Guard> guards,
        ActionRow.@Nullable Steps<C> steps) {
    ActionRow {
        transitions = Collections.unmodifiableMap(
                transitions.isEmpty() ? new EnumMap<>(EscalationState.class) : new EnumMap<>(transitions));
        guards = List.copyOf(guards);
    }

    /** This row with other transitions, who and guards, and the same steps (for tables built from another). */
    ActionRow<C> with(Map<EscalationState, EscalationState> transitions, Who who, List<Guard> guards) {
        return new ActionRow<>(action, transitions, who, guards, steps);
    }

    /**
     * What an action does with its command, in the order the engine runs them ({@link Workflow#run}): {@code validate}
     * the command's content before anything else, {@code prepare} (read the directory data the body needs into the
     * {@link Lookups}, after the actor is resolved, outside the unit of work), then inside the unit of work, after the
     * row's checks (state, who, guards) passed, the {@code body}.
     *
     * @param <C>      the command's type
     * @param command  the command's class
     * @param target   the escalation the command changes
     * @param validate the command's field rules
     * @param prepare  the directory reads before the unit of work
     * @param body     the change
     */
    record Steps<C>(
            Class<C> command,
            Function<C, EscalationId> target,
            Validate<C> validate,
            Prepare<C> prepare,
            Body<C> body) {

        /** Steps that validate the command's annotations only and read nothing beforehand. */
        static <C> Steps<C> of(Class<C> command, Function<C, EscalationId> target, Body<C> body) {
            return new Steps<>(command, target, (c, clock, v) -> v.check(c, List.of()), (c, l, cd, sd) -> {}, body);
        }

        /** These steps with other field rules. */
        Steps<C> validate(Validate<C> rules) {
            return new Steps<>(command, target, rules, prepare, body);
        }

        /** These steps with directory reads before the unit of work. */
        Steps<C> prepare(Prepare<C> reads) {
            return new Steps<>(command, target, validate, reads, body);
        }
    }

    /**
     * The first step: the command's field rules; throws {@link InvalidCommandException}. Rules about time read the
     * engine's {@code clock}.
     */
    @FunctionalInterface
    interface Validate<C> {
        void check(C command, Clock clock, CommandValidator validator);
    }

    /**
     * The directory reads a command needs (people it names, role groups), into {@code lookups}, before the unit of
     * work; the body then reads them from there (what it finds missing is read and the unit of work runs again).
     */
    @FunctionalInterface
    interface Prepare<C> {
        void read(C command, Lookups lookups, CustomerDirectory customers, StaffDirectory staff);
    }

    /**
     * The body: fills the draft from the command, after the row's checks (state, who, guards) passed. It checks only
     * the command's content (field rules needing the escalation, {@link InvalidCommandException}; the content a
     * customer contact may send, {@link Who#contactRule}, {@link NotAuthorizedException}) and calls no port.
     */
    @FunctionalInterface
    interface Body<C> {
        void apply(C command, Principal principal, StoredEscalation current, Draft draft, Lookups lookups);
    }

    /** The parties an action can be allowed to, each a role together with an identity. */
    enum Party {
        /** A contact with the Incident Manager role of the escalation's customer (of the case's, to escalate). */
        INCIDENT_MANAGER("the customer's Incident Manager"),
        /**
         * The staff member appointed as the escalation's Escalation Manager (not any Escalation Manager), while the
         * staff directory still gives them that role.
         */
        APPOINTED_MANAGER("the appointed Escalation Manager"),
        /** Staff with the Support Management or the Head of Support role. */
        SUPPORT_MANAGEMENT("Support Management (or Head of Support)"),
        /**
         * The side that did not make the pending plan proposal: the Incident Manager for the vendor's, the appointed
         * manager for the customer's (either while none is pending).
         */
        PLAN_COUNTERPART("the side that did not propose the pending plan (the customer's Incident Manager or the"
                + " appointed Escalation Manager)"),
        /**
         * The owner of one of the escalation's improvement actions (a staff member, or a contact of the escalation's
         * customer, whose id is the owner and whose kind is the owner's if it has one); the command's body checks that
         * it is the owner of the action named.
         */
        ACTION_OWNER("the owner of an improvement action (staff or a contact of the customer)");

        final String description;

        Party(String description) {
            this.description = description;
        }

        /** Whether {@code p} is this party for the stored escalation {@code r}. */
        boolean is(Principal p, StoredEscalation r) {
            if (this != ACTION_OWNER) {
                return is(p, r.customer(), r.manager(), r.proposal());
            }
            boolean ours = p.staff().isPresent()
                    || (p.isContact() && p.contact().get().customer().equals(r.customer()));
            return ours
                    && r.lessonsLearned()
                            .map(l -> l.actions().stream()
                                    .anyMatch(a -> a.mayBeOwnedBy(
                                            p.partyKind(), p.actor().id())))
                            .orElse(false);
        }

        boolean is(
                Principal p,
                @Nullable CustomerId customer,
                Optional<StaffId> manager,
                Optional<PlanProposal> proposal) {
            switch (this) {
                case INCIDENT_MANAGER:
                    return p.isContact()
                            && p.contact().get().customer().equals(customer)
                            && p.hasCustomerRole(CustomerRole.INCIDENT_MANAGER);
                case APPOINTED_MANAGER:
                    return p.staff().isPresent()
                            && manager.isPresent()
                            && manager.get().equals(p.staff().get().id())
                            && p.hasStaffRole(StaffRole.ESCALATION_MANAGER);
                case SUPPORT_MANAGEMENT:
                    return p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT);
                case PLAN_COUNTERPART:
                    ActorRef.Kind by = proposal.map(x -> x.proposedBy().kind()).orElse(null);
                    return (by != ActorRef.Kind.CONTACT && INCIDENT_MANAGER.is(p, customer, manager, proposal))
                            || (by != ActorRef.Kind.STAFF && APPOINTED_MANAGER.is(p, customer, manager, proposal));
                case ACTION_OWNER:
                    return false; // only with the escalation's actions known: see is(Principal, StoredEscalation)
                default:
                    throw new IllegalStateException("unknown party " + this);
            }
        }
    }

    /**
     * Who may take an action: any of {@code parties}. {@code contactRule} documents what a customer contact among them
     * may send (checked by the command's body on the command's content, refused as NOT_AUTHORIZED), or is empty.
     */
    record Who(Set<Party> parties, String contactRule) {
        Who {
            parties = Collections.unmodifiableSet(
                    parties.isEmpty() ? EnumSet.noneOf(Party.class) : EnumSet.copyOf(parties));
        }

        static Who of(Party... parties) {
            return new Who(EnumSet.copyOf(List.of(parties)), "");
        }

        Who contactsOnly(String rule) {
            return new Who(parties, rule);
        }

        /** Whether {@code p} is one of the parties for the stored escalation {@code r}. */
        boolean allows(Principal p, StoredEscalation r) {
            for (Party party : parties) {
                if (party.is(p, r)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code p} is one of the parties for an escalation of {@code customer} managed by {@code manager}. */
        boolean allows(Principal p, @Nullable CustomerId customer, Optional<StaffId> manager) {
            return allows(p, customer, manager, Optional.empty());
        }

        private boolean allows(
                Principal p,
                @Nullable CustomerId customer,
                Optional<StaffId> manager,
                Optional<PlanProposal> proposal) {
            for (Party party : parties) {
                if (party.is(p, customer, manager, proposal)) {
                    return true;
                }
            }
            return false;
        }

        /** The README's "Who" cell. */
        String describe() {
            List<String> names = new ArrayList<>();
            parties.forEach(x -> names.add(x.description));
            if (names.isEmpty()) {
                return "Nobody";
            }
            String text = names.size() == 1
                    ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
            return contactRule.isEmpty() ? text : text + "; " + contactRule;
        }

        NotAuthorizedException refuse(Principal p, Action action, @Nullable StoredEscalation r) {
            String words = words(action);
            String text;
            NotAuthorizedException.Reason reason = NotAuthorizedException.Reason.NOT_PARTY;
            boolean otherCustomer = r != null
                    && p.contact().isPresent()
                    && !p.contact().get().customer().equals(r.customer());
            if (parties.equals(EnumSet.of(Party.SUPPORT_MANAGEMENT))) {
                reason = NotAuthorizedException.Reason.WRONG_ROLE;
                text = p.actor() + " may not " + words
                        + ": it needs one of the staff roles [SUPPORT_MANAGEMENT, HEAD_OF_SUPPORT]";
            } else if (r == null) {
                text = p.actor() + " may not " + words + ": only " + describe().toLowerCase(Locale.ROOT) + " may";
            } else if (parties.equals(EnumSet.of(Party.APPOINTED_MANAGER))) {
                reason = NotAuthorizedException.Reason.NOT_MANAGER;
                text = "only the appointed Escalation Manager of escalation " + r.id() + " may " + words + "; "
                        + p.actor() + " is not";
            } else if (parties.equals(EnumSet.of(Party.PLAN_COUNTERPART))) {
                text = p.actor() + " may not " + words + " on escalation " + r.id()
                        + ": its side made the pending proposal; the other side confirms it";
            } else if (parties.equals(EnumSet.of(Party.INCIDENT_MANAGER))) {
                reason = otherCustomer
                        ? NotAuthorizedException.Reason.OTHER_CUSTOMER
                        : NotAuthorizedException.Reason.WRONG_ROLE;
                text = p.actor() + " is not an Incident Manager of customer " + r.customer() + " and may not " + words;
            } else {
                List<String> names = new ArrayList<>();
                parties.forEach(x -> names.add(x.description));
                text = p.actor() + " may not " + words + " on escalation " + r.id() + ": only "
                        + String.join(" or ", names) + " may";
            }
            if (otherCustomer && reason == NotAuthorizedException.Reason.NOT_PARTY) {
                reason = NotAuthorizedException.Reason.OTHER_CUSTOMER;
            }
            return new NotAuthorizedException(p.actor(), action, r == null ? null : r.id(), reason, text);
        }
    }

    /**
     * A condition on the escalation's stored details (not its state) that an action needs.
     *
     * @param name    a stable name, such as {@code CLOCK_RUNNING}
     * @param holds   whether the escalation meets it
     * @param refusal the refusal's text for an escalation that does not
     * @param readme  the condition in words, for the README's table
     */
    record Guard(String name, Test holds, Function<StoredEscalation, String> refusal, String readme) {
        /** A guard on the stored escalation alone. */
        Guard(
                String name,
                Predicate<StoredEscalation> holds,
                Function<StoredEscalation, String> refusal,
                String readme) {
            this(name, (r, when) -> holds.test(r), refusal, readme);
        }
    }

    /** A guard's condition, on the stored escalation and the moment it is asked ({@link When}). */
    @FunctionalInterface
    interface Test {
        boolean test(StoredEscalation r, When when);
    }

    /**
     * What a guard reads besides the stored escalation: the engine's instant and when the answer window of a pending
     * plan proposal ends (empty without one); and, for a view's offered actions, whether an id names a member of the
     * staff directory (asked only when a contact's id equals an improvement action's owner: see {@link Views}).
     */
    record When(Instant now, Function<StoredEscalation, Optional<Instant>> answerDue, Predicate<StaffId> staffMember) {}

    static final Guard CLOCK_RUNNING = new Guard(
            "CLOCK_RUNNING",
            r -> r.facts().pausedSince().isEmpty(),
            r -> "the SLA clock of escalation " + r.id() + " is already paused",
            "the SLA clock runs");
    static final Guard CLOCK_PAUSED = new Guard(
            "CLOCK_PAUSED",
            r -> r.facts().pausedSince().isPresent(),
            r -> "the SLA clock of escalation " + r.id() + " is not paused",
            "the SLA clock is paused");
    static final Guard SESSION_NOT_CONCLUDED = new Guard(
            "SESSION_NOT_CONCLUDED",
            r -> r.lessonsLearned()
                    .map(x -> x.status() == LessonsLearned.Status.SCHEDULED)
                    .orElse(true),
            r -> "the lessons-learned session of escalation " + r.id() + " was already "
                    + r.lessonsLearned().map(x -> x.status().name()).orElse("").toLowerCase(Locale.ROOT),
            "the session was neither held nor declined");
    static final Guard SESSION_SCHEDULED = new Guard(
            "SESSION_SCHEDULED",
            r -> r.lessonsLearned()
                    .map(x -> x.status() == LessonsLearned.Status.SCHEDULED)
                    .orElse(false),
            r -> "escalation " + r.id() + " has no scheduled lessons-learned session to record",
            "the session is scheduled");
    static final Guard SESSION_CONCLUDED = new Guard(
            "SESSION_CONCLUDED",
            r -> r.lessonsLearned()
                    .map(x -> x.status() != LessonsLearned.Status.SCHEDULED)
                    .orElse(false),
            r -> "escalation " + r.id() + " is LESSONS_LEARNED; record the "
                    + "lessons-learned session or let the customer decline it before closing",
            "the session was held or declined");

    static final Guard PLAN_PROPOSED = new Guard(
            "PLAN_PROPOSED",
            r -> r.proposal().isPresent(),
            r -> "escalation " + r.id() + " has no pending plan proposal; propose one",
            "a plan proposal is pending");
    static final Guard PROPOSED_BY_VENDOR = new Guard(
            "PROPOSED_BY_VENDOR",
            r -> r.proposal()
                    .map(x -> x.proposedBy().kind() == ActorRef.Kind.STAFF)
                    .orElse(false),
            r -> "escalation " + r.id() + " has no pending plan proposal of the vendor side",
            "the pending proposal is the vendor side's");
    static final Guard ANSWER_OVERDUE = new Guard(
            "ANSWER_OVERDUE",
            (r, when) -> when.answerDue()
                    .apply(r)
                    .filter(due -> !when.now().isBefore(due))
                    .isPresent(),
            r -> "the customer may still answer the plan proposal of escalation " + r.id()
                    + " (the policy's planAnswerWithin has not passed)",
            "the customer did not answer within the policy's `planAnswerWithin`");
    static final Guard ACTIONS_RECORDED = new Guard(
            "ACTIONS_RECORDED",
            r -> r.lessonsLearned().map(x -> !x.actions().isEmpty()).orElse(false),
            r -> "escalation " + r.id() + " has no improvement actions",
            "improvement actions were recorded");

    /** The action in words, such as "agree plan", for refusal texts. */
    static String words(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
