package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The SPI runs as the named module {@code dev.escalation.spi} (Surefire puts it on the module path). */
class SpiModuleTest {

    @Test
    void theSpiIsTheNamedModuleDevEscalationSpi() {
        Module module = EscalationStore.class.getModule();

        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.escalation.spi");
        assertThat(CaseId.class.getModule()).isSameAs(module);
        assertThat(getClass().getModule()).isSameAs(module);
    }

    @Test
    void itExportsItsTwoApiPackagesAndItsInternalOneAndOpensNone() {
        ModuleDescriptor descriptor = EscalationStore.class.getModule().getDescriptor();

        assertThat(descriptor.exports())
                .allMatch(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.escalation.model", "dev.escalation.spi", "dev.escalation.spi.internal");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
    }
}
