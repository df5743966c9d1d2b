package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The accounts a command reads ({@link Lookups#readAccount}: the first one in an immutable one-entry map, more in a
 * hash map) answer exactly as the hash map they replace: an account read is returned as the directory gave it (also
 * an empty answer), read once, and one not read asks for itself with {@link Lookups.Missing}; a {@code null} answer
 * is the directory's unavailability ({@link EscalationUnavailableException}) and keeps nothing.
 */
class LookupsAccountsProperties {

    /** Read customer {@code customer}; the directory answers {@code answer} (0 empty, 1 null, else an account). */
    record Step(int customer, int answer) {}

    private static final int CUSTOMERS = 3;

    @Property(tries = 1000)
    void accounts_answer_as_a_hash_map(@ForAll("steps") List<Step> steps) {
        Lookups lookups = new Lookups(ZoneOffset.UTC, Set.of());
        Map<CustomerId, Optional<CustomerAccount>> model = new HashMap<>();
        int[] calls = {0};
        int expectedCalls = 0;
        for (Step s : steps) {
            CustomerId id = customer(s.customer());
            Optional<CustomerAccount> answer = s.answer() == 0
                    ? Optional.empty()
                    : s.answer() == 1 ? null : Optional.of(new CustomerAccount(id, "N" + s.answer(), Optional.empty()));
            if (answer == null && !model.containsKey(id)) {
                assertThatThrownBy(() -> lookups.readAccount(CustomerId.of(id.value()), directory(null, calls)))
                        .isInstanceOf(EscalationUnavailableException.class);
                expectedCalls++; // asked, and asked again next time: nothing was kept
            } else {
                lookups.readAccount(CustomerId.of(id.value()), directory(answer, calls));
                if (!model.containsKey(id)) {
                    model.put(id, answer);
                    expectedCalls++;
                }
            }
            assertThat(calls[0]).isEqualTo(expectedCalls);
            for (int c = 0; c < CUSTOMERS; c++) {
                CustomerId other = customer(c);
                if (model.containsKey(other)) {
                    assertThat(lookups.account(other)).isSameAs(model.get(other));
                } else {
                    assertThatThrownBy(() -> lookups.account(other)).isInstanceOf(Lookups.Missing.class);
                }
            }
        }
    }

    private static CustomerId customer(int i) {
        return CustomerId.of("cust-" + i);
    }

    private static CustomerDirectory directory(Optional<CustomerAccount> answer, int[] calls) {
        return new CustomerDirectory() {
            @Override
            public Optional<CustomerAccount> account(CustomerId id) {
                calls[0]++;
                return answer;
            }

            @Override
            public Optional<Touchpoint> touchpoint(ContactId id) {
                throw new AssertionError("not asked");
            }

            @Override
            public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
                throw new AssertionError("not asked");
            }

            @Override
            public Optional<SupportCase> supportCase(CaseId id) {
                throw new AssertionError("not asked");
            }
        };
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, CUSTOMERS - 1),
                        Arbitraries.integers().between(0, 4))
                .as(Step::new);
        return step.list().ofMaxSize(10);
    }
}
