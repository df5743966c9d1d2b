package dev.escalation.jdbc;

import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Column {@code owner_kinds} of {@code esc_escalation} (V19): the kinds of the improvement actions' owners
 * ({@link ImprovementAction#ownerKind}), which the escalation's body (JSON) does not hold, so that its shape stays
 * what earlier releases read. One character per action, in order: {@code C} a contact, {@code S} a staff member,
 * {@code -} no kind; trailing dashes are left out and {@code NULL} stands for no kind at all (a row written before the
 * column, read with the old rule).
 */
final class OwnerKinds {
    private OwnerKinds() {}

    /** The column's value for the actions of {@code lessons}: NULL if no owner has a kind. */
    static @Nullable String write(Optional<LessonsLearned> lessons) {
        if (lessons.isEmpty()) {
            return null;
        }
        List<ImprovementAction> actions = lessons.get().actions();
        int end = actions.size();
        while (end > 0 && actions.get(end - 1).ownerKind().isEmpty()) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            s.append(actions.get(i).ownerKind().map(OwnerKinds::code).orElse('-'));
        }
        return s.toString();
    }

    /** The kind of the owner of the action at {@code index}, by the column's value {@code kinds}. */
    static Optional<Party.Kind> at(@Nullable String kinds, int index) {
        if (kinds == null || index >= kinds.length()) {
            return Optional.empty();
        }
        return switch (kinds.charAt(index)) {
            case 'C' -> Optional.of(Party.Kind.CONTACT);
            case 'S' -> Optional.of(Party.Kind.STAFF);
            case '-' -> Optional.empty();
            default -> throw new IllegalStateException("stored owner_kinds holds an unknown code at " + index);
        };
    }

    /**
     * The lessons learned as the body holds them, with each owner's kind from the column's value; the same instance
     * if every kind is already the column's.
     *
     * @throws IllegalStateException if the value has an unknown code or more codes than there are actions
     */
    static Optional<LessonsLearned> read(Optional<LessonsLearned> lessons, @Nullable String kinds) {
        if (lessons.isEmpty()) {
            if (kinds != null) {
                throw new IllegalStateException("stored owner_kinds has kinds for actions that are not there");
            }
            return lessons;
        }
        LessonsLearned l = lessons.get();
        List<ImprovementAction> actions = l.actions();
        if (kinds != null && kinds.length() > actions.size()) {
            throw new IllegalStateException("stored owner_kinds has kinds for actions that are not there");
        }
        List<ImprovementAction> read = null;
        for (int i = 0; i < actions.size(); i++) {
            ImprovementAction a = actions.get(i);
            Optional<Party.Kind> kind = at(kinds, i);
            if (!a.ownerKind().equals(kind)) {
                if (read == null) {
                    read = new ArrayList<>(actions);
                }
                read.set(i, new ImprovementAction(a.description(), a.owner(), a.due(), a.status(), kind));
            }
        }
        return read == null
                ? lessons
                : Optional.of(
                        new LessonsLearned(l.status(), l.scheduledAt(), l.attendees(), l.findings(), read, l.note()));
    }

    private static char code(Party.Kind kind) {
        return switch (kind) {
            case CONTACT -> 'C';
            case STAFF -> 'S';
            case EXTERNAL -> throw new IllegalArgumentException("an improvement action's owner is never EXTERNAL");
        };
    }
}
