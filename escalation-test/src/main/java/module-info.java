/**
 * The contract test kit for SPI adapter vendors: abstract JUnit 5 / jqwik contracts an adapter's tests extend, and
 * the scenario helpers they use.
 */
module dev.escalation.test {
    requires transitive dev.escalation.spi;
    requires transitive dev.escalation.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive net.jqwik.api;
    requires transitive org.assertj.core;
    requires static transitive org.jspecify;

    exports dev.escalation.test;

    // the test engines (JUnit Jupiter, jqwik) call the contracts' inherited test methods reflectively, from whatever
    // module (or the class path) the vendor's tests run in
    opens dev.escalation.test;
}
