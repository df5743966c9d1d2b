package dev.escalation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Set;
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

    /** The packages of escalation-core. */
    private static final Set<String> CORE_PACKAGES = Set.of(
            "dev.escalation",
            "dev.escalation.command",
            "dev.escalation.calendar",
            "dev.escalation.sla",
            "dev.escalation.text",
            "dev.escalation.inmemory");

    /** One slice per package of escalation-core. */
    private static final SliceAssignment CORE_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return CORE_PACKAGES.contains(c.getPackageName())
                    ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of escalation-core";
        }
    };

    /** The packages whose classes are held free of cycles: every package of escalation-core. */
    private static final Set<String> ACYCLIC_PACKAGES = CORE_PACKAGES;

    /**
     * One slice per top-level class; nested and anonymous classes belong to theirs, and so does the engine's builder
     * to the engine ({@code EscalationEngine.builder()} returns the builder and {@code build()} the engine: one API).
     */
    private static final SliceAssignment CORE_CLASS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            if (!ACYCLIC_PACKAGES.contains(c.getPackageName())) {
                return SliceIdentifier.ignore();
            }
            String name = c.getName();
            int nested = name.indexOf('$');
            String topLevel = nested < 0 ? name : name.substring(0, nested);
            if (topLevel.equals(EscalationEngineBuilder.class.getName())) {
                topLevel = EscalationEngine.class.getName();
            }
            return SliceIdentifier.of(topLevel);
        }

        @Override
        public String getDescription() {
            return "top-level classes of escalation-core";
        }
    };

    @Test
    void corePackagesHaveNoCycles() {
        SlicesRuleDefinition.slices()
                .assignedFrom(CORE_PACKAGE)
                .should()
                .beFreeOfCycles()
                .check(production);
    }

    /**
     * No two top-level classes of escalation-core depend on each other, directly or through others: dependencies run
     * one way (the engine to the workflow to the planner to the SLA clock, never back).
     */
    @Test
    void coreClassesHaveNoCycles() {
        SlicesRuleDefinition.slices()
                .assignedFrom(CORE_CLASS)
                .should()
                .beFreeOfCycles()
                .check(production);
    }

    @Test
    void theSpiDependsOnNothingOfTheLibraryButItself() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("dev.escalation.spi..", "dev.escalation.model..")
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
                        "dev.escalation.text..",
                        "dev.escalation.spi..",
                        "dev.escalation.model..")
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
    void theModelDoesNotDependOnThePorts() {
        noClasses()
                .that()
                .resideInAPackage("dev.escalation.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.escalation.spi..")
                .check(production);
    }

    /**
     * The public methods of the engine and its operations, and the public records they return, speak in core views
     * and model values: no SPI record ({@code StoredEntry}, {@code OutboxMessage}, {@code DueItem}, …) appears in
     * them. Ports are taken by the builder, which is the one place where SPI types belong.
     */
    @Test
    void publicEngineSignaturesExposeNoSpiRecord() {
        java.util.List<String> leaks = new java.util.ArrayList<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        java.util.Deque<Class<?>> types = new java.util.ArrayDeque<>(
                java.util.List.of(EscalationEngine.class, EscalationOperations.class, EscalationEvent.class));
        while (!types.isEmpty()) {
            Class<?> type = types.pop();
            if (!seen.add(type)) {
                continue;
            }
            for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                if (!java.lang.reflect.Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                java.util.List<java.lang.reflect.Type> used = new java.util.ArrayList<>();
                used.add(m.getGenericReturnType());
                if (type == EscalationEngine.class || type == EscalationOperations.class) {
                    used.addAll(java.util.List.of(m.getGenericParameterTypes()));
                }
                for (java.lang.reflect.Type t : used) {
                    for (Class<?> c : classesOf(t)) {
                        if (c.getPackageName().equals("dev.escalation.spi")) {
                            leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + c.getSimpleName());
                        }
                        if (c.getPackageName().startsWith("dev.escalation") && c.isRecord()) {
                            types.push(c);
                        }
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(leaks).isEmpty();
        org.assertj.core.api.Assertions.assertThat(seen)
                .contains(
                        TimelineEntry.class,
                        DeadLetterView.class,
                        DueWorkItem.class,
                        ChangeFeed.class,
                        EscalationView.class);
    }

    private static java.util.List<Class<?>> classesOf(java.lang.reflect.Type t) {
        java.util.List<Class<?>> out = new java.util.ArrayList<>();
        if (t instanceof Class<?> c) {
            out.add(c.isArray() ? c.getComponentType() : c);
        } else if (t instanceof java.lang.reflect.ParameterizedType p) {
            out.addAll(classesOf(p.getRawType()));
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                out.addAll(classesOf(a));
            }
        } else if (t instanceof java.lang.reflect.WildcardType w) {
            for (java.lang.reflect.Type b : w.getUpperBounds()) {
                out.addAll(classesOf(b));
            }
        }
        return out;
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
                .resideOutsideOfPackages("dev.escalation.spi..", "dev.escalation.model..")
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
                .haveSimpleName("ActionRow")
                .or()
                .haveSimpleNameEndingWith("Rows")
                .or()
                .haveSimpleName("Lookups")
                .or()
                .haveSimpleName("People")
                .or()
                .haveSimpleName("Principal")
                .or()
                .haveSimpleName("CommandValidator")
                .or()
                .haveSimpleName("DuePlanner")
                .or()
                .haveSimpleName("SlaClock")
                .or()
                .haveSimpleName("EngineConfig")
                .or()
                .haveSimpleName("BackgroundWorker")
                .or()
                .haveSimpleName("SlaSubject")
                .or()
                .haveSimpleName("DueStep")
                .or()
                .haveSimpleName("Ports")
                .or()
                .haveSimpleName("NotifierRegistry")
                .or()
                .haveSimpleName("PolicyRegistry")
                .should()
                .notBePublic();
        rule.check(production);
    }
}
