package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Close;
import dev.escalation.inmemory.InMemoryEscalationStore;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Core runs as the named module {@code dev.escalation.core} (Surefire puts it on the module path). */
class CoreModuleTest {

    @Test
    void coreIsTheNamedModuleDevEscalationCore() {
        Module module = EscalationEngine.class.getModule();

        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.escalation.core");
        assertThat(InMemoryEscalationStore.class.getModule()).isSameAs(module);
        assertThat(getClass().getModule()).isSameAs(module);
    }

    @Test
    void itExportsTheApiPackagesAndTheInMemoryReferenceAdapters() {
        ModuleDescriptor descriptor = EscalationEngine.class.getModule().getDescriptor();

        assertThat(descriptor.exports())
                .allMatch(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder(
                        "dev.escalation",
                        "dev.escalation.calendar",
                        "dev.escalation.command",
                        "dev.escalation.inmemory",
                        "dev.escalation.sla");
    }

    @Test
    void itOpensTheCommandsToHibernateValidatorOnly() {
        ModuleDescriptor descriptor = EscalationEngine.class.getModule().getDescriptor();

        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.opens()).singleElement().satisfies(opens -> {
            assertThat(opens.source()).isEqualTo(Close.class.getPackageName());
            assertThat(opens.targets()).isEqualTo(Set.of("org.hibernate.validator"));
        });
    }
}
