package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uniqueness rules of the {@link InMemoryEscalationStore}: one open escalation per customer and case, one
 * escalation per customer and submission key. Thread-safe.
 */
final class UniqueKeys {

    private record CaseKey(CustomerId customer, CaseId caseId) {}

    private record SubmissionKey(CustomerId customer, String key) {}

    private final ConcurrentHashMap<CaseKey, EscalationId> openCases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubmissionKey, EscalationId> submissions = new ConcurrentHashMap<>();

    /**
     * Claims the keys of a new escalation: its submission key, and its case if it is open. Claims nothing when it
     * throws.
     *
     * @throws SubmissionExistsException      if another escalation has the submission key
     * @throws OpenEscalationExistsException if another open escalation has the case
     */
    void claim(StoredEscalation first) {
        Optional<SubmissionKey> submission = first.submissionKey().map(k -> new SubmissionKey(first.customer(), k));
        if (submission.isPresent()) {
            EscalationId existing = submissions.putIfAbsent(submission.get(), first.id());
            if (existing != null) {
                throw new SubmissionExistsException(existing);
            }
        }
        if (first.state().isOpen()) {
            EscalationId existing = openCases.putIfAbsent(new CaseKey(first.customer(), first.caseId()), first.id());
            if (existing != null) {
                submission.ifPresent(k -> submissions.remove(k, first.id()));
                throw new OpenEscalationExistsException(first.caseId(), existing);
            }
        }
    }

    /** Frees the case of an escalation that became final. */
    void closed(StoredEscalation s) {
        openCases.remove(new CaseKey(s.customer(), s.caseId()), s.id());
    }

    /** Frees the submission key of a purged escalation. */
    void forgetSubmission(StoredEscalation s) {
        s.submissionKey().ifPresent(k -> submissions.remove(new SubmissionKey(s.customer(), k), s.id()));
    }

    /** The open escalation of a case, if any claimed it; may be stale: callers re-check the state. */
    Optional<EscalationId> openFor(CustomerId customer, CaseId caseId) {
        return Optional.ofNullable(openCases.get(new CaseKey(customer, caseId)));
    }

    Optional<EscalationId> bySubmission(CustomerId customer, String submissionKey) {
        return Optional.ofNullable(submissions.get(new SubmissionKey(customer, submissionKey)));
    }
}
