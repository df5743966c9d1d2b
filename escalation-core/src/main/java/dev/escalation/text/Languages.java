package dev.escalation.text;

import java.util.Locale;

/** The languages texts are in, as a notification names them ({@code Notification.textLocale}). */
final class Languages {
    private Languages() {}

    /**
     * The language of a reader's locale, without script, country, variant and extensions: what a host source that
     * answered for this reader is taken to be written in (a source is for a language, or a language and country, see
     * {@link TextSource#of}; the reader's script or country is not known to be the text's). {@link Locale#ROOT}
     * (undetermined) if the reader names no language (the root locale, {@code und}, a region alone).
     */
    static Locale spoken(Locale reader) {
        return reader.getLanguage().isEmpty() ? Locale.ROOT : new Locale(reader.getLanguage());
    }
}
