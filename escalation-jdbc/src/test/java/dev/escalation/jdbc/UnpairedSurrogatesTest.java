package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The check of text parameters on PostgreSQL ({@link UnpairedSurrogates}): it finds exactly the texts that hold a
 * surrogate without its partner, and refuses them in a plain parameter and in an array before the statement sees
 * them, passing everything else through.
 */
class UnpairedSurrogatesTest {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withChars('a', 'é', '\u20ac', '\ud800', '\udbff', '\udc00', '\udfff', '"', '\\')
                .withCharRange('\ud7f0', '\ue010')
                .ofMaxLength(12);
    }

    @Property(tries = 2000)
    void findsExactlyTheTextsWithAnUnpairedSurrogate(@ForAll("texts") String text) {
        // String.codePoints() pairs what pairs and yields a lone surrogate as a code point of its own
        boolean oracle = text.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
        assertThat(UnpairedSurrogates.hasUnpaired(text))
                .as(text.chars().mapToObj(Integer::toHexString).toList().toString())
                .isEqualTo(oracle);
    }

    @Test
    void refusesSuchATextInAParameterOrAnArrayAndPassesTheRest() throws Exception {
        List<String> seen = new ArrayList<>();
        PreparedStatement target = (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    seen.add(m.getName());
                    return null;
                });
        PreparedStatement checked = UnpairedSurrogates.refusedIn(target);

        checked.setString(1, "acme\ud83d\ude00"); // an emoji: a pair
        checked.setLong(2, 7);
        checked.setArray(3, array("E-1", "E-2\ud83d\ude00"));
        assertThat(seen).containsExactly("setString", "setLong", "setArray");

        assertThatThrownBy(() -> checked.setString(1, "acme\ud800"))
                .isInstanceOfSatisfying(
                        SQLDataException.class, e -> assertThat(e.getSQLState()).isEqualTo("22021"));
        assertThatThrownBy(() -> checked.setNString(1, "\udc00acme")).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> checked.setObject(1, "ac\udfffme")).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> checked.setArray(1, array("E-1", "E-2\ud800"))).isInstanceOf(SQLDataException.class);
        assertThat(seen).as("nothing refused reached the statement").hasSize(3);
    }

    private static Array array(String... elements) {
        return (Array) Proxy.newProxyInstance(
                Array.class.getClassLoader(),
                new Class<?>[] {Array.class},
                (p, m, args) -> m.getName().equals("getArray") && m.getParameterCount() == 0 ? elements : null);
    }
}
