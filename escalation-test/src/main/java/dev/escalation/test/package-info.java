/**
 * The contract test kit for adapter vendors: abstract JUnit 5 classes, one per SPI port and store facet, whose
 * numbered rules (see {@code RULES.md}) an adapter must pass, plus {@link dev.escalation.test.Records} to build valid
 * SPI values, a {@link dev.escalation.test.MutableClock}, and the {@link dev.escalation.test.Scenario} fixture for
 * tests of the engine.
 *
 * <p>Extend a {@code …Contract} class in your test sources (for a store, {@link
 * dev.escalation.test.EscalationStoreContracts} holds all five store contracts in one class), implement its factory
 * method (and the inspection hook of a port without a read method), declare optional capabilities in the adapter's
 * {@code capabilities()} or through the hooks, and run it with your usual JUnit 5 build. A failing test names the rule
 * it checks (for example {@code s3_changeIsAllOrNothing}) and its message says what to check.
 */
package dev.escalation.test;
