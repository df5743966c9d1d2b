/**
 * Texts for people: {@link dev.escalation.text.Texts} renders timeline entries, notifications, hotline advice,
 * deadline explanations and refusals per reader language and time zone from the shipped English and German bundles
 * ({@code dev/escalation/text/texts.properties}, {@code texts_de.properties}) and the host's
 * {@link dev.escalation.text.TextSource}s.
 */
@NullMarked
package dev.escalation.text;

import org.jspecify.annotations.NullMarked;
