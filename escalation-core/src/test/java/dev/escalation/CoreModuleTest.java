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
                        "dev.escalation.sla",
                        "dev.escalation.text");
    }

    @Test
    void itOpensTheCommandsAndTheirValidatorsToHibernateValidatorOnly() {
        ModuleDescriptor descriptor = EscalationEngine.class.getModule().getDescriptor();

        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.opens())
                .extracting(ModuleDescriptor.Opens::source)
                .containsExactlyInAnyOrder(Close.class.getPackageName(), "dev.escalation.internal.validation");
        assertThat(descriptor.opens())
                .allSatisfy(opens -> assertThat(opens.targets()).isEqualTo(Set.of("org.hibernate.validator")));
        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .doesNotContain("dev.escalation.internal.validation");
    }
}
