package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.EscalationReceipt;
import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.test.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Submission ids over generated request sequences: an id belongs to the case (and customer) it first created an
 * escalation for. Repeated on that case it returns that escalation; reused on another case of the same customer it is
 * refused with {@code submissionId.SameCase} and changes nothing; another customer's use of the same id is unrelated.
 */
class SubmissionIdProperties {

    /** One "Escalate Case" request: who, which case of their customer, which submission id (or none). */
    record Request(Actor actor, String customer, CaseId caseId, Optional<String> submissionId) {
        @Override
        public String toString() {
            return actor + "/" + caseId + "/" + submissionId.orElse("-");
        }
    }

    /**
     * Any sequence of requests agrees with a model after every step: the receipt names the modelled escalation, the
     * store holds exactly the modelled escalations, and a reuse on another case is refused with the stable code.
     */
    @Property(tries = 200)
    void aSubmissionIdIsBoundToItsCase(@ForAll("requests") List<Request> requests) {
        Scenario world = Cast.world();
        Map<String, EscalationId> bySubmission = new HashMap<>(); // customer + "/" + id -> the escalation it created
        Map<CaseId, EscalationId> openByCase = new HashMap<>(); // nothing is withdrawn: every escalation stays open
        Map<EscalationId, CaseId> caseOf = new HashMap<>();

        for (Request r : requests) {
            EscalateCase cmd = new EscalateCase(
                    r.caseId(),
                    "m",
                    Cause.COMPLAINT,
                    Criticality.LOW,
                    r.submissionId().orElse(null));
            Optional<EscalationId> bound = r.submissionId().map(s -> bySubmission.get(r.customer() + "/" + s));
            if (bound.isPresent() && !caseOf.get(bound.get()).equals(r.caseId())) {
                int pending = (int) Cast.pending(world);
                assertThatThrownBy(() -> world.engine().escalate(r.actor(), cmd))
                        .as("%s reuses an id of case %s", r, caseOf.get(bound.get()))
                        .isInstanceOfSatisfying(
                                InvalidCommandException.class,
                                e -> assertThat(e.violations())
                                        .extracting(Violation::code)
                                        .containsExactly("submissionId.SameCase"));
                assertThat(Cast.pending(world)).isEqualTo(pending);
            } else {
                EscalationReceipt receipt = world.engine().escalate(r.actor(), cmd);
                Optional<EscalationId> expected =
                        bound.isPresent() ? bound : Optional.ofNullable(openByCase.get(r.caseId()));
                if (expected.isPresent()) {
                    assertThat(receipt.created()).as("%s repeats", r).isFalse();
                    assertThat(receipt.escalation()).as("%s", r).isEqualTo(expected.get());
                } else {
                    assertThat(receipt.created()).as("%s is new", r).isTrue();
                    openByCase.put(r.caseId(), receipt.escalation());
                    caseOf.put(receipt.escalation(), r.caseId());
                    r.submissionId().ifPresent(s -> bySubmission.put(r.customer() + "/" + s, receipt.escalation()));
                }
            }
            assertThat(world.store().size()).isEqualTo(caseOf.size());
        }
    }

    @Provide
    Arbitrary<List<Request>> requests() {
        Arbitrary<Request> who = Arbitraries.of(
                new Request(Cast.INA, "acme", Cast.C1, Optional.empty()),
                new Request(Cast.IVY, "acme", Cast.C1, Optional.empty()),
                new Request(Cast.INA, "acme", Cast.C2, Optional.empty()),
                new Request(Cast.GIL, "globex", Cast.G1, Optional.empty()));
        Arbitrary<Optional<String>> ids = Arbitraries.of("s-1", "s-2", "s-3").optional(0.8);
        return Combinators.combine(who, ids)
                .as((r, id) -> new Request(r.actor(), r.customer(), r.caseId(), id))
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }
}
