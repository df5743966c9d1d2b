package dev.escalation.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;

/**
 * Refuses a text with an unpaired surrogate before the PostgreSQL driver sees it. The driver encodes such a character
 * as {@code ?}, so the text would be stored changed and, as an id in a {@code WHERE}, name other rows: customer
 * {@code "acme\ud800"} would read and write the rows of customer {@code "acme?"}. The refusal has the SQLState
 * PostgreSQL gives a NUL (22021), so it takes the same way: the caller's {@link IllegalArgumentException}, nothing
 * written.
 */
final class UnpairedSurrogates {
    private UnpairedSurrogates() {}

    /**
     * {@code statement}, whose text parameters ({@code setString}, {@code setNString}, {@code setObject}) and text
     * arrays ({@code setArray}) are checked.
     */
    static PreparedStatement refusedIn(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, m, args) -> {
                    if (args != null
                            && args.length >= 2
                            && m.getName().startsWith("set")
                            && (args[1] instanceof String text && hasUnpaired(text)
                                    || args[1] instanceof Array array && hasUnpaired(array))) {
                        throw new SQLDataException(
                                "a text with an unpaired surrogate cannot be stored (parameter " + args[0] + ")",
                                "22021");
                    }
                    try {
                        return m.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Whether an array made by {@code createArrayOf} (ids and keys looked up by {@code = ANY(?)}) holds such a text. */
    private static boolean hasUnpaired(Array array) throws SQLException {
        if (array.getArray() instanceof Object[] elements) {
            for (Object e : elements) {
                if (e instanceof String text && hasUnpaired(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasUnpaired(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
