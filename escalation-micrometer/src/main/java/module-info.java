/**
 * Micrometer meters for the Escalation SDK's engine: {@code dev.escalation.micrometer.EscalationMeters}, an
 * {@code EngineObserver} registered with the engine builder's {@code listener(...)}.
 */
@SuppressWarnings("requires-transitive-automatic") // Micrometer ships an Automatic-Module-Name, no module-info
module dev.escalation.micrometer {
    requires transitive dev.escalation.core;
    requires transitive micrometer.core;
    requires static transitive org.jspecify;

    exports dev.escalation.micrometer;
}
