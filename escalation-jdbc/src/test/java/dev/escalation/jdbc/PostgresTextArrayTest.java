package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code text[]} literals {@link Db#setTextArray} binds: PostgreSQL reads back every element unchanged (quotes,
 * backslashes, commas, braces, blanks, the text {@code NULL}, the empty text, non-ASCII) and a null as NULL, through
 * the same {@code unnest(CAST(? AS TEXT[]))} the store's one-statement writes use. Skipped without
 * {@code ESCALATION_TEST_PG_URL}.
 */
class PostgresTextArrayTest {
    private static final String ALPHABET = "ab \"\\,{}()'NULL\t\n;é€😀0 ";

    @Test
    void everyElementComesBackUnchanged() throws SQLException {
        String url = System.getenv(TestDatabase.PG_URL);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(), "PostgreSQL tests skipped: ESCALATION_TEST_PG_URL not set");
        Random random = new Random(17);
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[0]);
        cases.add(new String[] {null});
        cases.add(new String[] {"", "NULL", "null", " ", "\"", "\\", "{}", "a,b", null, "{\"k\":\"v\\\\\"}"});
        for (int n = 0; n < 300; n++) {
            String[] values = new String[random.nextInt(6)];
            for (int i = 0; i < values.length; i++) {
                if (random.nextInt(8) == 0) {
                    continue; // null
                }
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(12);
                while (s.length() < length) {
                    s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(
                            0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
                }
                values[i] = s.toString();
            }
            cases.add(values);
        }
        try (Connection c = DriverManager.getConnection(
                        url,
                        System.getenv(TestDatabase.PG_URL.replace("_URL", "_USER")),
                        System.getenv(TestDatabase.PG_URL.replace("_URL", "_PASSWORD")));
                PreparedStatement ps = c.prepareStatement(
                        "SELECT x.v FROM unnest(CAST(? AS TEXT[])) WITH ORDINALITY AS x(v, o) ORDER BY x.o")) {
            for (String[] values : cases) {
                Db.setTextArray(ps, 1, values);
                List<String> back = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        back.add(rs.getString(1));
                    }
                }
                assertThat(back).as(Db.textArray(values)).containsExactlyElementsOf(Arrays.asList(values));
            }
        }
    }
}
