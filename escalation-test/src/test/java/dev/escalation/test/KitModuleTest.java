package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The contract kit runs as the named module {@code dev.escalation.test} (Surefire puts it on the module path). */
class KitModuleTest {

    @Test
    void theKitIsTheNamedModuleDevEscalationTest() {
        Module module = EscalationStoreContract.class.getModule();

        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.escalation.test");
        assertThat(getClass().getModule()).isSameAs(module);
    }

    @Test
    void itExportsTheKitAndOpensItToTheTestEngines() {
        ModuleDescriptor descriptor = EscalationStoreContract.class.getModule().getDescriptor();

        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.escalation.test");
        assertThat(descriptor.opens()).singleElement().satisfies(opens -> {
            assertThat(opens.source()).isEqualTo("dev.escalation.test");
            assertThat(opens.isQualified()).isFalse();
        });
    }
}
