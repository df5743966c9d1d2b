/**
 * The Escalation SDK's engine ({@code dev.escalation}), its commands, business calendar and SLA policy, and the
 * in-memory reference adapters ({@code dev.escalation.inmemory}).
 */
module dev.escalation.core {
    requires transitive dev.escalation.spi;
    // EscalationEngineBuilder#validatorFactory takes a jakarta.validation.ValidatorFactory; commands carry its
    // constraint annotations
    requires transitive jakarta.validation;
    requires org.hibernate.validator;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.escalation;
    exports dev.escalation.calendar;
    exports dev.escalation.command;
    exports dev.escalation.inmemory;
    exports dev.escalation.sla;
    exports dev.escalation.text;

    // Hibernate Validator reads the constraint annotations of the command records' fields
    opens dev.escalation.command to
            org.hibernate.validator;
    // ... and creates the validators of @SafeText and @SafeId by reflection (the package is not exported)
    opens dev.escalation.internal.validation to
            org.hibernate.validator;
}
