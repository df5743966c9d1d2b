/**
 * The value model that users of the engine and implementers of the SPI share: typed ids, enums and small value
 * records (communication plan, resolution, parties, pages). Nothing here refers to a port.
 *
 * <p>Kept apart from {@code dev.escalation.spi} (the ports and the records adapters store, send and throw) so that a
 * portal developer reads only this package and the engine's API, and a vendor reads this package and the SPI.
 */
@NullMarked
package dev.escalation.model;

import org.jspecify.annotations.NullMarked;
