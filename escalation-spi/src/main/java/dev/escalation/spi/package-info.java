/**
 * The service-provider interface of the Escalation SDK: the ports a host or vendor implements and every
 * immutable record those ports store, send or throw.
 *
 * <p>An adapter depends on this package only; it never needs {@code escalation-core}. All types are
 * null-marked: parameters and return values are never {@code null}; absent values are {@link java.util.Optional}
 * or empty collections. Records validate their components on construction with
 * {@link java.util.Objects#requireNonNull(Object, String)} and copy collections defensively.
 *
 * <p>Ports:
 * <ul>
 *   <li>{@link dev.escalation.spi.EscalationStore} – persistence with optimistic versions, one open escalation per
 *       case, plus its two facets {@link dev.escalation.spi.Outbox} (side effects written with the state change) and
 *       {@link dev.escalation.spi.DueWork} (deadlines and reminders);</li>
 *   <li>{@link dev.escalation.spi.CustomerDirectory} and {@link dev.escalation.spi.StaffDirectory} – who is who;</li>
 *   <li>{@link dev.escalation.spi.Notifier} and {@link dev.escalation.spi.Ticketing} – the outside world.</li>
 * </ul>
 */
@NullMarked
package dev.escalation.spi;

import org.jspecify.annotations.NullMarked;
