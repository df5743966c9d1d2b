package dev.escalation.examples.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server for one session on a local socket that answers as a test scripts it: {@code 250 ok} to every command
 * but {@code RCPT}, whose reply is given, and the end of the message, which a callback answers (a refusal, a reply that
 * keeps coming). For the failures GreenMail does not play.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    /** Answers the end of the message. */
    @FunctionalInterface
    interface EndOfMessage {
        void answer(Writer out) throws IOException, InterruptedException;
    }

    /** Answers {@code QUIT} (the session ends after it). */
    @FunctionalInterface
    interface Quit {
        void answer(Socket socket, Writer out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private volatile int messages;

    private ScriptedSmtpServer(ServerSocket server) {
        this.server = server;
    }

    /**
     * @param rcpt the reply to {@code RCPT}, such as {@code 250 ok}
     * @param end  writes (and flushes) the reply to the end of the message
     */
    static ScriptedSmtpServer start(String rcpt, EndOfMessage end) throws IOException {
        return start(rcpt, end, (socket, out) -> out.write("221 bye\r\n"));
    }

    /**
     * @param rcpt the reply to {@code RCPT}, such as {@code 250 ok}
     * @param end  writes (and flushes) the reply to the end of the message
     * @param quit answers {@code QUIT}: a reply, none, the connection reset
     */
    static ScriptedSmtpServer start(String rcpt, EndOfMessage end, Quit quit) throws IOException {
        ScriptedSmtpServer s = new ScriptedSmtpServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        Thread session = new Thread(() -> s.session(rcpt, end, quit), "scripted-smtp");
        session.setDaemon(true);
        session.start();
        return s;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many messages the server answered the end of (accepted, if its answer was a 250). */
    int messages() {
        return messages;
    }

    /** Whether the test closed the server (a reply that keeps coming stops then). */
    boolean closed() {
        return server.isClosed();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void session(String rcpt, EndOfMessage end, Quit quit) {
        try (Socket socket = server.accept()) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 scripted.example ESMTP\r\n");
            out.flush();
            boolean inData = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (inData) {
                    if (line.equals(".")) {
                        inData = false;
                        end.answer(out);
                        messages++;
                    }
                } else if (command.startsWith("EHLO")) {
                    out.write("250-scripted.example\r\n250 8BITMIME\r\n");
                } else if (command.startsWith("RCPT")) {
                    out.write(rcpt + "\r\n");
                } else if (command.startsWith("DATA")) {
                    out.write("354 go ahead\r\n");
                    inData = true;
                } else if (command.startsWith("QUIT")) {
                    quit.answer(socket, out);
                    out.flush();
                    return;
                } else {
                    out.write("250 ok\r\n");
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client gave up, or the test closed the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
