package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The builder's instance name is what the engine claims outbox messages and due work under; a store keeps it beside
 * each claim (the JDBC store in a column of 200 characters). It follows the rules of an id: a name longer than 200
 * characters, with a control, formatting or unpaired surrogate character, or blank is refused and the builder keeps
 * the name it had. (Under a name with a NUL character every claim failed on PostgreSQL:
 * {@code EngineOnDatabaseTestBase#everyInstanceNameTheBuilderTakesCanBeClaimedUnder}.)
 */
class InstanceNameProperties {

    @Property(tries = 1000)
    void aNameNoStoreCanKeepIsRefusedAndChangesNothing(@ForAll("unkeepable") String name) {
        EscalationEngineBuilder builder = EscalationEngine.builder().instanceName("node-1");

        assertThatThrownBy(() -> builder.instanceName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("instanceName must");
        assertThat(builder.instanceName).isEqualTo("node-1");
    }

    @Property(tries = 1000)
    void aPrintableNameOfAtMost200CharactersIsTaken(@ForAll("keepable") String name) {
        EscalationEngineBuilder builder = EscalationEngine.builder().instanceName(name);

        assertThat(builder.instanceName).isEqualTo(name);
    }

    @Provide
    Arbitrary<String> keepable() {
        return Arbitraries.strings()
                .withChars("abcXYZ019-._:/@ äöüßéЖ漢")
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(200)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> unkeepable() {
        Arbitrary<String> printable =
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(120);
        Arbitrary<String> bad = Arbitraries.of(
                "\u0000", "\n", "\r\n", "\t", "\u001b", "\u007f", "\u0085", "\ud800", "\udc00", "\u200b", "\u202e",
                "\ufeff");
        Arbitrary<String> withBadCharacter =
                Combinators.combine(printable, bad, printable).as((a, b, c) -> a + b + c);
        Arbitrary<String> tooLong =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(201).ofMaxLength(2_000);
        Arbitrary<String> blank =
                Arbitraries.strings().withChars(" \u00a0\u2003").ofMinLength(0).ofMaxLength(5);
        return Arbitraries.oneOf(withBadCharacter, tooLong, blank);
    }
}
