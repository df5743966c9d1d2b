package dev.escalation.spring.boot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte over a plain socket, for what an HTTP client refuses to send (a {@code NUL} or a bad
 * percent-encoding in the path, a garbage request line, a bad {@code Host}), and their answers as read off the wire:
 * the status line, the headers and the body (de-chunked). An answer without a status line (HTTP/0.9) has status 0,
 * no headers and the bytes read as its body.
 */
final class RawHttp {
    private RawHttp() {}

    /** An answer. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        /** The header's first value, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        /** How many times the header occurs. */
        int count(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? 0 : values.size();
        }
    }

    /** A request line and headers (with {@code Host} and {@code Connection: close} first), then an empty line. */
    static String request(String line, String... headers) {
        StringBuilder b = new StringBuilder(line).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Sends the request (ISO-8859-1: one byte per char, so a NUL is sent as it is) and reads the answer. */
    static Answer send(URI server, String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return new Answer(0, Map.of(), text + readRest(in));
        }
        String[] lines = text.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(
                                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                k -> new java.util.ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        Answer answer = new Answer(status, headers, "");
        String body;
        if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
            body = chunked(in);
        } else if (answer.header("Content-Length") != null) {
            body = new String(in.readNBytes(Integer.parseInt(answer.header("Content-Length"))), StandardCharsets.UTF_8);
        } else {
            body = readRest(in);
        }
        return new Answer(status, headers, body);
    }

    private static String chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static String readRest(InputStream in) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            in.transferTo(rest);
        } catch (SocketTimeoutException e) {
            // the server keeps the connection: what came is the answer
        }
        return rest.toString(StandardCharsets.UTF_8);
    }
}
