package dev.escalation;

import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.ContactId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The owners of the improvement actions {@link RecordLessonsLearned} records: each is stored with its kind
 * ({@link dev.escalation.model.ImprovementAction#ownerKind}). An owner given with a kind must be a staff member the
 * directory knows or a contact of the escalation's customer; one given without is read with the old rule (the staff
 * member of that id, else the customer's contact, else a plain name without a kind).
 */
final class ActionOwners {
    /** The longest owner ({@code RecordLessonsLearned.Action#owner}'s {@code SafeText} limit). */
    private static final int NAME_MAX = 200;

    private ActionOwners() {}

    /** The field rules of the owners' kinds: contact or staff, and then an id. */
    static List<Violation> violations(RecordLessonsLearned cmd) {
        if (cmd == null || cmd.actions() == null) {
            return List.of();
        }
        List<Violation> v = new ArrayList<>(0);
        for (int i = 0; i < cmd.actions().size(); i++) {
            RecordLessonsLearned.Action a = cmd.actions().get(i);
            if (a == null || a.ownerKind() == null) {
                continue;
            }
            if (a.ownerKind() == Party.Kind.EXTERNAL) {
                v.add(Violation.of(
                        "actions[" + i + "].ownerKind", "ContactOrStaff", "must be CONTACT or STAFF, or absent"));
            } else if (a.owner() != null
                    && a.owner().length() > TextRules.ID_MAX
                    && a.owner().length() <= NAME_MAX) {
                // longer than an id, yet a name (SafeText refuses what is longer than a name or not one line)
                v.add(Violation.of(
                        "actions[" + i + "].owner",
                        "SafeId",
                        "must be an id (at most " + TextRules.ID_MAX + " characters) when its kind is given"));
            }
        }
        return v;
    }

    /**
     * Reads the people the owners may be: the one of their kind; for an owner given without one the staff member of
     * that id, and the contact only if the staff directory does not know the id (the old rule).
     */
    static void prepare(RecordLessonsLearned cmd, Lookups l, CustomerDirectory customers, StaffDirectory staff) {
        for (RecordLessonsLearned.Action a : cmd.actions()) {
            if (TextRules.idProblem(a.owner(), TextRules.ID_MAX) != null) {
                continue; // a plain name: nobody's id (no kind is allowed with it)
            }
            boolean staffKnown = false;
            if (a.ownerKind() != Party.Kind.CONTACT) {
                StaffId id = StaffId.of(a.owner());
                l.readMember(id, staff);
                staffKnown = l.staffMember(id).isPresent();
            }
            if (a.ownerKind() == Party.Kind.CONTACT || (a.ownerKind() == null && !staffKnown)) {
                l.readContact(ContactId.of(a.owner()), customers);
            }
        }
    }

    /**
     * The kind to store with action {@code index}'s owner.
     *
     * @throws InvalidCommandException if the owner given with a kind is nobody of that kind
     * @throws Lookups.Missing if a person was not read before
     */
    static Optional<Party.Kind> kind(RecordLessonsLearned.Action a, int index, StoredEscalation r, Lookups l) {
        String owner = a.owner();
        if (a.ownerKind() == Party.Kind.STAFF) {
            if (l.staffMember(StaffId.of(owner)).isEmpty()) {
                throw Inputs.invalid("actions[" + index + "].owner", "StaffMember", "must be a staff member");
            }
            return Optional.of(Party.Kind.STAFF);
        }
        if (a.ownerKind() == Party.Kind.CONTACT) {
            if (!contactOf(owner, r, l)) {
                throw Inputs.invalid(
                        "actions[" + index + "].owner",
                        "CustomerContact",
                        "must be a contact of customer " + r.customer());
            }
            return Optional.of(Party.Kind.CONTACT);
        }
        if (TextRules.idProblem(owner, TextRules.ID_MAX) != null) {
            return Optional.empty(); // a plain name
        }
        if (l.staffMember(StaffId.of(owner)).isPresent()) {
            return Optional.of(Party.Kind.STAFF); // the old rule: the id names a staff member first
        }
        return contactOf(owner, r, l) ? Optional.of(Party.Kind.CONTACT) : Optional.empty();
    }

    private static boolean contactOf(String id, StoredEscalation r, Lookups l) {
        return l.touchpoint(ContactId.of(id))
                .filter(t -> t.customer().equals(r.customer()))
                .isPresent();
    }
}
