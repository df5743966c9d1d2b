package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.spi.UnitOfWork.Decision;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The subject keys a unit of work is given inside the store's transaction ({@link TransactionKeys}, SPI v2) keep the
 * rules of {@link SubjectKeys} there too: a shredded key is gone for the rest of the transaction (also the raiser's,
 * read with the locked row), a second shred finds nothing, a later use creates a new key, and all of it commits or
 * rolls back with the unit of work. The kit's A5 uses only {@code keyOf} inside a transaction.
 */
class H2TransactionKeysTest {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    private final EscalationStore store = DB.emptyStore();
    private final JdbcSubjectKeys keys = new JdbcSubjectKeys(DB.pool());
    private final EscalationId id = EscalationId.of("E-keys");

    /** Creates the escalation; its raiser's key exists before the unit of work (read with the locked row). */
    private PartyRef raiser() {
        StoredEscalation raised = Fixtures.raised("acme", id.value(), "C-keys", T0);
        store.create(Fixtures.creation(raised));
        assertThat(store.keepsSubjectKeys(keys)).isTrue();
        return new PartyRef(Party.Kind.CONTACT, raised.raisedBy().value());
    }

    /** Runs {@code body} with the transaction's keys in a change of the escalation; {@code fail} makes it throw. */
    private void inTransaction(Consumer<SubjectKeys> body, boolean fail) {
        store.changeForVendor(id, new UnitOfWork<String>() {
            @Override
            public Decision<String> decide(StoredEscalation current) {
                throw new AssertionError("a store that keeps the subject keys calls decide(current, keys)");
            }

            @Override
            public Decision<String> decide(StoredEscalation current, SubjectKeys tx) {
                body.accept(tx);
                if (fail) {
                    throw new IllegalStateException("refused");
                }
                return Decision.keep("kept");
            }
        });
    }

    @Test
    void aKeyShreddedInsideTheTransactionIsGoneThereAndANewOneIsCommitted() {
        PartyRef raiser = raiser();
        byte[] old = keys.keyOf(raiser);
        PartyRef other = new PartyRef(Party.Kind.EXTERNAL, "ext@example.com");
        byte[][] fresh = new byte[2][];
        inTransaction(
                tx -> {
                    assertThat(tx.existingKey(raiser))
                            .as("read with the locked row")
                            .contains(old);
                    assertThat(tx.shred(raiser)).as("shred of the raiser's key").isTrue();
                    assertThat(tx.existingKey(raiser)).as("after its shred").isEmpty();
                    assertThat(tx.shred(raiser)).as("a second shred").isFalse();
                    fresh[0] = tx.keyOf(raiser);
                    assertThat(fresh[0]).hasSize(SubjectKeys.KEY_BYTES).isNotEqualTo(old);
                    assertThat(tx.existingKey(raiser)).contains(fresh[0]);
                    assertThat(tx.existingKey(other))
                            .as("a subject without a key")
                            .isEmpty();
                    assertThat(tx.shred(other))
                            .as("shred of a subject without a key")
                            .isFalse();
                    fresh[1] = tx.keyOf(other);
                    assertThat(tx.keyOf(other)).isEqualTo(fresh[1]);
                    assertThat(tx.existingKey(other)).contains(fresh[1]);
                },
                false);
        assertThat(keys.existingKey(raiser)).as("committed").contains(fresh[0]);
        assertThat(keys.existingKey(other)).as("committed").contains(fresh[1]);
    }

    @Test
    void aShredAndANewKeyOfAUnitOfWorkThatThrowsAreRolledBack() {
        PartyRef raiser = raiser();
        byte[] old = keys.keyOf(raiser);
        PartyRef other = new PartyRef(Party.Kind.STAFF, "sam");
        assertThatThrownBy(() -> inTransaction(
                        tx -> {
                            assertThat(tx.shred(raiser)).isTrue();
                            tx.keyOf(other);
                        },
                        true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refused");
        assertThat(keys.existingKey(raiser)).as("the shred rolled back").contains(old);
        assertThat(keys.existingKey(other)).as("the new key rolled back").isEqualTo(Optional.empty());
    }
}
