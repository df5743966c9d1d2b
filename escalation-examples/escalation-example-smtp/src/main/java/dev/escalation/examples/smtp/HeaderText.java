package dev.escalation.examples.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Puts text a customer controls (a subject, a person's name) into mail headers so that a mail client shows exactly
 * that text.
 *
 * <p>Jakarta Mail encodes a header only if it has non-ASCII characters ({@link MimeUtility#encodeText} then encodes
 * the whole text). An ASCII text is sent as it is, and some ASCII texts are not read back as they were written:
 * <ul>
 *   <li>{@code =?UTF-8?B?QWRtaW4=?=} is an RFC 2047 encoded word, which every client decodes ("Admin"): text that was
 *       never in the escalation, and a way to spoof;</li>
 *   <li>a line break becomes folding (CR LF and a blank), which a client unfolds;</li>
 *   <li>blanks at the start and end, tabs and other control characters are dropped or changed.</li>
 * </ul>
 * Such a text is encoded as a whole, as UTF-8 "B" encoded words: Jakarta Mail has no way to force encoding, so this
 * class writes the words (at most 75 characters each, whole code points each, RFC 2047 sections 2 and 5) with
 * {@link Base64}; reading them back is Jakarta Mail's {@link MimeUtility#decodeText}, which the tests use. The same for
 * an ASCII word too long for one header line (header lines are folded at blanks only). Every other text goes through
 * Jakarta Mail as before.
 */
final class HeaderText {
    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    /** 45 bytes are 60 Base64 characters: 10 + 60 + 2 = 72 characters per encoded word, below RFC 2047's 75. */
    private static final int BYTES_PER_WORD = 45;
    /** The longest run without a blank sent raw: a folded line holds it with the header's name (RFC 5322 2.1.1). */
    private static final int LONGEST_WORD = 76 - "Subject: ".length();

    private HeaderText() {}

    /**
     * Whether {@code text} must be encoded here: Jakarta Mail, left to itself, would send it so that it is read back
     * differently, or in a line longer than a header line may be.
     */
    static boolean needsEncoding(String text) {
        int length = text.length();
        if (length == 0) {
            return false;
        }
        if (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return true;
        }
        boolean ascii = true;
        int word = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7F) {
                return true; // CR, LF, tab and other controls: encoded even in a non-ASCII text
            }
            ascii &= c < 0x7F;
            word = c == ' ' ? 0 : word + 1;
            if (word > LONGEST_WORD && ascii) {
                return true; // a header is folded at blanks only: one word would make one over-long line
            }
        }
        // a non-ASCII text is encoded as a whole by Jakarta Mail; an ASCII one is sent raw
        return ascii && text.contains("=?");
    }

    /**
     * Sets {@code message}'s subject to {@code subject}, as UTF-8 encoded words where needed.
     *
     * @throws jakarta.mail.MessagingException if the message refuses the header
     */
    static void subject(MimeMessage message, String subject) throws jakarta.mail.MessagingException {
        if (needsEncoding(subject)) {
            message.setHeader("Subject", MimeUtility.fold("Subject: ".length(), encodedWords(subject)));
        } else {
            message.setSubject(subject, StandardCharsets.UTF_8.name());
        }
    }

    /**
     * {@code address} with {@code name} as its display name (personal name), as UTF-8 encoded words where needed.
     *
     * @param address a parsed, valid address without a name
     * @param name    the name to show
     * @return the address with the name
     */
    static InternetAddress named(InternetAddress address, String name) {
        try {
            if (!needsEncoding(name)) {
                InternetAddress named = (InternetAddress) address.clone();
                named.setPersonal(name, StandardCharsets.UTF_8.name());
                return named;
            }
            // encoded words are a valid phrase (RFC 2047 section 5 (3)); Jakarta Mail keeps them as the name's
            // encoded form and decodes them for getPersonal()
            InternetAddress named = new InternetAddress(encodedWords(name) + " <" + address.getAddress() + ">", true);
            if (!named.getAddress().equals(address.getAddress())) {
                throw new IllegalStateException("display name changed the address");
            }
            return named;
        } catch (UnsupportedEncodingException | AddressException e) {
            throw new IllegalStateException("a valid address with an encoded name always parses", e);
        }
    }

    /** {@code text} as UTF-8 "B" encoded words separated by blanks (which decoders drop between encoded words). */
    static String encodedWords(String text) {
        StringBuilder words = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            while (end < text.length()) {
                int codePoint = text.codePointAt(end);
                int size = utf8Length(codePoint);
                if (bytes + size > BYTES_PER_WORD) {
                    break;
                }
                bytes += size;
                end += Character.charCount(codePoint);
            }
            if (!words.isEmpty()) {
                words.append(' ');
            }
            words.append(PREFIX)
                    .append(Base64.getEncoder()
                            .encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                    .append(SUFFIX);
            start = end;
        }
        return words.toString();
    }

    private static int utf8Length(int codePoint) {
        // a lone surrogate becomes one '?': counting it as three only makes that word shorter
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
