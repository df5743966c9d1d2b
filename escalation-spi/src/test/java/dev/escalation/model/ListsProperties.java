package dev.escalation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalation.spi.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The model's own list copy ({@link Lists}, kept apart because the model depends on no package of the SPI) and the
 * SPI's {@link Copies#list} answer every list alike: the same elements in the same order, or a
 * {@link NullPointerException} naming the first {@code null} by its index ({@code "items[3]"}) — lists of any length
 * with {@code null}s anywhere, or none.
 */
class ListsProperties {

    @Property(tries = 1000)
    void bothCopiesAnswerAlikeAndNameTheFirstNull(@ForAll("withNulls") List<String> list) {
        int firstNull = list.indexOf(null);
        Throwable model =
                catchThrowable(() -> assertThat(Lists.copyOf(list, "items")).containsExactlyElementsOf(list));
        Throwable spi =
                catchThrowable(() -> assertThat(Copies.list(list, "items")).containsExactlyElementsOf(list));
        if (firstNull < 0) {
            assertThat(model).isNull();
            assertThat(spi).isNull();
        } else {
            assertThat(model).isInstanceOf(NullPointerException.class).hasMessage("items[" + firstNull + "]");
            assertThat(spi).isInstanceOf(NullPointerException.class).hasMessage("items[" + firstNull + "]");
        }
    }

    @Provide
    Arbitrary<List<String>> withNulls() {
        return Arbitraries.strings()
                .ofMaxLength(3)
                .injectNull(0.2)
                .list()
                .ofMaxSize(40)
                .map(ArrayList::new); // a list that may hold null, as a caller's ArrayList
    }
}
