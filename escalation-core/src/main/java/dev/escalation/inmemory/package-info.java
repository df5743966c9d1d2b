/**
 * In-memory reference implementations of every SPI port: the embedded default of the engine, the reference the
 * contract test kit is checked against, and a controllable backend for test authors. All are thread-safe.
 * Nothing here starts a thread or reads the system clock: times are passed in by the engine.
 */
@NullMarked
package dev.escalation.inmemory;

import org.jspecify.annotations.NullMarked;
