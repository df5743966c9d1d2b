package dev.escalation.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between a connection pool and the database that a test cuts, as an outage would: {@link #cut()} closes
 * every connection and refuses new ones until {@link #restore()}; {@link #hang()} keeps the connections open but
 * forwards nothing any more (a server or network that stops answering); {@link #cutAfterClientSends(String)} closes
 * the connection of the client whose next message contains the given text, then forwards that message to the
 * database (so that no answer can come back, however fast the database) and refuses new connections (the database
 * lost after a {@code COMMIT} was sent: the outcome unknown to the client, who cannot ask); {@link
 * #loseAnswerTo(String)} lets the database answer such a message and loses the answer (the connection lost after the
 * commit: the outcome unknown, but the database can be asked). One thread per direction and connection; everything
 * stops with {@link #close()}.
 */
final class OutageProxy implements AutoCloseable {
    private enum Mode {
        FORWARD,
        REFUSE,
        HANG
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private final AtomicReference<byte[]> cutAfter = new AtomicReference<>();
    private final AtomicReference<byte[]> hangAt = new AtomicReference<>();
    private final AtomicReference<byte[]> loseAnswer = new AtomicReference<>();
    private final java.util.Set<Socket> answerLostTo = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch cutDone = new CountDownLatch(1);
    private final Thread acceptor;

    OutageProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "outage-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The JDBC URL of a PostgreSQL URL {@code jdbc:postgresql://host:port/db…} rewritten to go through the proxy. */
    static OutageProxy forPostgresql(String url) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/.*")
                .matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/… URL");
        }
        return new OutageProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    /** {@code url} with its host and port replaced by the proxy's. */
    String rewrite(String url) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
    }

    /**
     * A small pool ({@code config}'s database, 3 connections, 2 s to wait for one) whose connections go through this
     * proxy, and that sends every statement with its text, {@code COMMIT} included, so that the proxy recognises it
     * (the driver would send a statement it prepared on the server by name only after five uses). The driver waits at
     * most 2 s for the cancel of a timed-out statement ({@code cancelSignalTimeout}), as the store's README advises
     * for short query timeouts: with its default (10 s) a call on a server that stops answering fails after the query
     * timeout plus 10 s instead of at the network timeout ({@link #poolWithDriverDefaults}). The connections do not
     * use TLS ({@code sslmode=disable}): the proxy reads the statements it cuts at, and the driver's default
     * ({@code prefer}) encrypts wherever the server offers TLS, as Debian's PostgreSQL does from its first start.
     */
    com.zaxxer.hikari.HikariDataSource pool(com.zaxxer.hikari.HikariConfig config, String name) {
        config.addDataSourceProperty("cancelSignalTimeout", "2");
        return poolWithDriverDefaults(config, name);
    }

    /** {@link #pool} with the driver's own wait for a cancel (10 s). */
    com.zaxxer.hikari.HikariDataSource poolWithDriverDefaults(com.zaxxer.hikari.HikariConfig config, String name) {
        config.setJdbcUrl(rewrite(config.getJdbcUrl()));
        config.setPoolName(name);
        config.setMaximumPoolSize(3);
        config.setConnectionTimeout(2_000);
        config.addDataSourceProperty("prepareThreshold", "0");
        config.addDataSourceProperty("sslmode", "disable");
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** The outage: every open connection is closed, new ones are refused (closed at once). */
    void cut() {
        mode = Mode.REFUSE;
        closeAll();
    }

    /** The database stops answering: connections stay open, nothing is forwarded either way, new ones too. */
    void hang() {
        mode = Mode.HANG;
    }

    /** The outage is over: new connections are forwarded again (the ones cut stay closed). */
    void restore() {
        mode = Mode.FORWARD;
    }

    /**
     * The next client message containing {@code text} closes that client's connection and is then forwarded to the
     * database, so its answer never reaches the client (however fast it comes), and new connections are refused until
     * {@link #restore()}.
     * {@link #awaitCut()} waits for it.
     */
    void cutAfterClientSends(String text) {
        cutDone = new CountDownLatch(1);
        cutAfter.set(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The next client message containing {@code text} is forwarded and the database answers it; that answer is lost and
     * the client's connection closed (the commit done, the client unaware). {@link #awaitCut()} waits for it.
     */
    void loseAnswerTo(String text) {
        cutDone = new CountDownLatch(1);
        loseAnswer.set(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The next client message containing {@code text} is held, and from then on everything: {@link #hang()}. */
    void hangWhenClientSends(String text) {
        hangAt.set(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the connection {@link #cutAfterClientSends} armed was cut (waits up to 30 s). */
    boolean awaitCut() throws InterruptedException {
        return cutDone.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (mode == Mode.REFUSE) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream, true);
            pump(upstream, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    boolean keepUpstream = false;
                    try {
                        // not closed by a try-with-resources: closing a socket's stream closes the socket
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (!fromClient && answerLostTo.remove(to)) {
                                closeQuietly(to); // the client's connection breaks before the answer arrives
                                cutDone.countDown();
                                return;
                            }
                            byte[] hangText = hangAt.get();
                            if (fromClient
                                    && hangText != null
                                    && contains(buffer, n, hangText)
                                    && hangAt.compareAndSet(hangText, null)) {
                                mode = Mode.HANG;
                            }
                            boolean held = false;
                            while (mode == Mode.HANG && !from.isClosed()) {
                                held = true;
                                Thread.sleep(20); // holds the bytes: the other side waits for an answer
                            }
                            if (held && mode != Mode.FORWARD) {
                                // cut while held: the held bytes never reach the other side (cut() sets the mode
                                // before it closes the sockets, so they were forwarded in between, now and then)
                                return;
                            }
                            byte[] armed = cutAfter.get();
                            if (fromClient
                                    && armed != null
                                    && contains(buffer, n, armed)
                                    && cutAfter.compareAndSet(armed, null)) {
                                // the client's connection breaks first, so that no answer can reach it however fast
                                // the database is; then the database gets the message and runs it (the upstream
                                // connection closes once the database answers into the closed client)
                                keepUpstream = true;
                                mode = Mode.REFUSE; // and the database is gone for every other connection
                                for (Socket other : sockets) {
                                    if (other != to) {
                                        closeQuietly(other);
                                    }
                                }
                                closeQuietly(from);
                                out.write(buffer, 0, n);
                                out.flush();
                                cutDone.countDown();
                                return;
                            }
                            byte[] lose = loseAnswer.get();
                            if (fromClient
                                    && lose != null
                                    && contains(buffer, n, lose)
                                    && loseAnswer.compareAndSet(lose, null)) {
                                // marked before the message goes on: its answer cannot overtake the mark
                                answerLostTo.add(from); // the database answers; the answer goes nowhere
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // a side went away
                    } finally {
                        closeQuietly(from);
                        if (!keepUpstream) {
                            closeQuietly(to);
                        }
                    }
                },
                "outage-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= length; i++) {
            for (int k = 0; k < text.length; k++) {
                if (buffer[i + k] != text[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
        closeAll();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
