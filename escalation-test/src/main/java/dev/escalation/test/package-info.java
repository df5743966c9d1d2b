/**
 * The contract test kit for adapter vendors: abstract JUnit 5 classes, one per SPI port, whose numbered rules
 * (see {@code RULES.md}) an adapter must pass, plus {@link dev.escalation.test.Records} to build valid SPI records
 * and a {@link dev.escalation.test.MutableClock}.
 *
 * <p>Extend a {@code …Contract} class in your test sources, implement its one factory method, declare optional
 * capabilities through the hooks, and run it with your usual JUnit 5 build. A failing test names the rule it
 * checks (for example {@code s4_staleSaveIsRefusedAndChangesNothing}) and its message says what to check.
 */
package dev.escalation.test;
