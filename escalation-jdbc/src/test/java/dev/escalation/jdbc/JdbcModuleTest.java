package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JDBC store runs as the named module {@code dev.escalation.jdbc} (Surefire puts it on the module path). */
class JdbcModuleTest {

    @Test
    void theStoreIsTheNamedModuleDevEscalationJdbc() {
        Module module = JdbcEscalationStore.class.getModule();

        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.escalation.jdbc");
        assertThat(getClass().getModule()).isSameAs(module);
    }

    @Test
    void itExportsTheStoreOnlyAndNamesNoFileNameModule() {
        ModuleDescriptor descriptor = JdbcEscalationStore.class.getModule().getDescriptor();

        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.escalation.jdbc");
        // Flyway has no module name: requiring it would publish the name derived from its jar file
        assertThat(descriptor.requires())
                .extracting(ModuleDescriptor.Requires::name)
                .noneMatch(name -> name.startsWith("flyway"));
    }

    @Test
    void itOpensTheMigrationsToAllAndItsDocumentsToJacksonOnly() {
        ModuleDescriptor descriptor = JdbcEscalationStore.class.getModule().getDescriptor();

        assertThat(descriptor.opens())
                .extracting(o -> o.source() + " to " + o.targets())
                .containsExactlyInAnyOrder(
                        "dev.escalation.jdbc.migration to []",
                        "dev.escalation.jdbc to " + Set.of("com.fasterxml.jackson.databind"));
    }
}
