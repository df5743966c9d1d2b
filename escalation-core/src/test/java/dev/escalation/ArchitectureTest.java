package dev.escalation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency direction of DESIGN.md and "core never reads the system clock", held by ArchUnit. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.escalation");
    }

    @Test
    void theSpiDependsOnNothingOfTheLibraryButItself() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.escalation.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.escalation",
                        "dev.escalation.command..",
                        "dev.escalation.inmemory..",
                        "dev.escalation.calendar..",
                        "dev.escalation.sla..",
                        "jakarta..",
                        "org.hibernate..",
                        "org.slf4j..");
        rule.check(production);
    }

    @Test
    void coreKnowsNoAdapterModule() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.escalation",
                        "dev.escalation.command..",
                        "dev.escalation.inmemory..",
                        "dev.escalation.calendar..",
                        "dev.escalation.sla..",
                        "dev.escalation.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.escalation.jdbc..",
                        "dev.escalation.holidays..",
                        "dev.escalation.examples..",
                        "dev.escalation.test..",
                        "dev.escalation.benchmarks..",
                        "java.sql..",
                        "javax.sql..");
        rule.check(production);
    }

    @Test
    void theInMemoryAdaptersNeedOnlyTheSpi() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.escalation.inmemory..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.escalation", "dev.escalation.command..");
        rule.check(production);
    }

    @Test
    void coreNeverReadsTheSystemClockOrSleeps() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.escalation.spi..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.ZonedDateTime.class, "now")
                .orShould()
                .callMethod(java.time.OffsetDateTime.class, "now")
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .orShould()
                .callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(Thread.class, "sleep", long.class)
                .because("time is injected as a java.time.Clock and nothing in core waits");
        rule.check(production);
    }

    @Test
    void enginesInternalsStayPackagePrivate() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .haveSimpleNameStartingWith("Workflow")
                .or()
                .haveSimpleName("Draft")
                .or()
                .haveSimpleName("Delivery")
                .or()
                .haveSimpleName("Lifecycle")
                .or()
                .haveSimpleName("CommandValidator")
                .or()
                .haveSimpleName("DuePlanner")
                .or()
                .haveSimpleName("SlaClock")
                .should()
                .notBePublic();
        rule.check(production);
    }
}
