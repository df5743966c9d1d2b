package dev.escalation.examples.smtp;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Texts a customer controls (an escalation's title, a person's name) made to be misread in a mail header: RFC 2047
 * encoded-word shapes, line breaks with header lines after them, blanks at the edges, non-ASCII and very long texts.
 */
final class HostileTexts {
    private HostileTexts() {}

    /** "Admin says: pay now" as an encoded word, in B and Q encoding. */
    static final String ENCODED_B = "=?UTF-8?B?QWRtaW4gc2F5czogcGF5IG5vdw==?=";

    static final String ENCODED_Q = "=?utf-8?Q?Admin_says:_pay_now?=";

    /** Hand-picked examples, one per way a header is misread. */
    static List<String> examples() {
        return List.of(
                ENCODED_B,
                ENCODED_Q,
                "Server down " + ENCODED_B + " since 9:00",
                "Server down" + ENCODED_B,
                ENCODED_B + ENCODED_Q,
                "=?ISO-8859-1?Q?Gr=FC=DFe?= from ACME",
                "=?UTF-8?B?w6Q=?= Störung äöü " + ENCODED_Q,
                "=?",
                "a =? b ?= c",
                "Ina\r\nBcc: mallory@attacker.example\r\nX-Injected: yes",
                "Ina\nX-Injected: yes",
                "Ina\r\n =?UTF-8?B?QWRtaW4=?=",
                "  leading and trailing blanks  ",
                "tab\there",
                "\"Quoted\" <mallory@attacker.example>, Eve",
                "x".repeat(2_000),
                ("Long " + ENCODED_B + " ").repeat(40),
                "\uD83D\uDE00 Emoji =?UTF-8?B?8J+YgA==?=");
    }

    /** Generated hostile texts: pieces of the kinds above, joined. */
    static Arbitrary<String> generated() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
                Arbitraries.of(ENCODED_B, ENCODED_Q, "=?", "?=", "=?UTF-8?B?", "=?utf-8?q?", "_", " ", "  ", "\t"),
                Arbitraries.of("\r\n", "\r", "\n", "\r\nBcc: mallory@attacker.example\r\n", "\r\n ", "\u0000"),
                Arbitraries.of(
                        "ä", "Störung", "e\u0301", "\uD83D\uDE00", "\uD83C\uDDE9\uD83C\uDDEA", "\u00A0", "\u2028"),
                Arbitraries.strings().withCharRange('\u0100', '\uD7FF').ofMaxLength(8),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(60).ofMaxLength(400));
        return piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
    }
}
