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

    /** Per customer (few): its open cases and its submission keys, so no key object per escalation. */
    private final ConcurrentHashMap<CustomerId, ConcurrentHashMap<CaseId, EscalationId>> openCases =
            new ConcurrentHashMap<>();

    private final ConcurrentHashMap<CustomerId, ConcurrentHashMap<String, EscalationId>> submissions =
            new ConcurrentHashMap<>();

    private static <K> ConcurrentHashMap<K, EscalationId> of(
            ConcurrentHashMap<CustomerId, ConcurrentHashMap<K, EscalationId>> map, CustomerId customer) {
        ConcurrentHashMap<K, EscalationId> own = map.get(customer);
        return own != null ? own : map.computeIfAbsent(customer, c -> new ConcurrentHashMap<>());
    }

    /**
     * Claims the keys of a new escalation: its submission key, and its case if it is open. Claims nothing when it
     * throws.
     *
     * @throws SubmissionExistsException      if another escalation has the submission key
     * @throws OpenEscalationExistsException if another open escalation has the case
     */
    void claim(StoredEscalation first) {
        Optional<String> submission = first.submissionKey();
        if (submission.isPresent()) {
            EscalationId existing = of(submissions, first.customer()).putIfAbsent(submission.get(), first.id());
            if (existing != null) {
                throw new SubmissionExistsException(existing);
            }
        }
        if (first.state().isOpen()) {
            EscalationId existing = of(openCases, first.customer()).putIfAbsent(first.caseId(), first.id());
            if (existing != null) {
                submission.ifPresent(k -> of(submissions, first.customer()).remove(k, first.id()));
                throw new OpenEscalationExistsException(first.caseId(), existing);
            }
        }
    }

    /** Frees the case of an escalation that became final. */
    void closed(StoredEscalation s) {
        of(openCases, s.customer()).remove(s.caseId(), s.id());
    }

    /** Frees the submission key of a purged escalation. */
    void forgetSubmission(StoredEscalation s) {
        s.submissionKey().ifPresent(k -> of(submissions, s.customer()).remove(k, s.id()));
    }

    /** The open escalation of a case, if any claimed it; may be stale: callers re-check the state. */
    Optional<EscalationId> openFor(CustomerId customer, CaseId caseId) {
        ConcurrentHashMap<CaseId, EscalationId> own = openCases.get(customer);
        return own == null ? Optional.empty() : Optional.ofNullable(own.get(caseId));
    }

    Optional<EscalationId> bySubmission(CustomerId customer, String submissionKey) {
        ConcurrentHashMap<String, EscalationId> own = submissions.get(customer);
        return own == null ? Optional.empty() : Optional.ofNullable(own.get(submissionKey));
    }
}
