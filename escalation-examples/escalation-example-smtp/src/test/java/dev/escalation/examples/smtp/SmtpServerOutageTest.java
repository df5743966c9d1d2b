package dev.escalation.examples.smtp;

import static dev.escalation.test.Scenario.contact;
import static dev.escalation.test.Scenario.customer;
import static dev.escalation.test.Scenario.openCase;
import static dev.escalation.test.Scenario.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.DeliveryReport;
import dev.escalation.command.LogProgress;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.test.Scenario;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mail server going away and coming back under the engine, and servers that accept the connection and then say
 * nothing or drop it: each send fails retryably within the notifier's bound, the escalation is recorded meanwhile,
 * and once the server is back every notification arrives once.
 */
class SmtpServerOutageTest {
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static GreenMail greenMail(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static SmtpNotifier notifier(int port, Scenario scenario) {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(port)
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(1))
                .clock(scenario.clock())
                .build();
    }

    @Test
    void escalationsAreRecordedWhileTheServerIsDownAndEachMailArrivesOnceItIsBack() throws Exception {
        int port = freePort();
        Scenario scenario = Scenario.create()
                .given(customer("acme").incidentManager("ina"), openCase("acme", "C-1"))
                .configure(b -> b.backoff(Duration.ofSeconds(5), Duration.ofMinutes(1)));
        scenario.notifiers(notifier(port, scenario));

        scenario.when(contact("ina").escalates("C-1")).when(staff("sam").appoints("eve"));
        assertThat(scenario.engine().find(dev.escalation.Actor.staff("sam"), scenario.current()))
                .as("recorded while the mail server is down")
                .isPresent();
        DeliveryReport down = scenario.engine().deliverPending();
        assertThat(down.retried()).as("the mails wait for a retry").isPositive();
        assertThat(down.deadLettered()).isZero();

        GreenMail mail = greenMail(port);
        opened.add(mail::stop);
        scenario.after(Duration.ofSeconds(4));
        scenario.engine().deliverPending();
        assertThat(mail.getReceivedMessages()).as("not before the backoff").isEmpty();

        scenario.after(Duration.ofMinutes(2));
        DeliveryReport back = scenario.engine().deliverPending();
        assertThat(back.pending()).isZero();
        assertThat(back.deadLettered()).isZero();
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            copies.merge(m.getMessageID(), 1, Integer::sum);
        }
        assertThat(copies).isNotEmpty();
        assertThat(copies.values()).as("each notification once").allMatch(n -> n == 1);

        mail.stop(); // down again, and back on the same port: a new connection per send, nothing stale
        scenario.when(staff("eve").logs(LogProgress.Kind.STATUS_UPDATE, "Back on track", Visibility.CUSTOMER));
        assertThat(scenario.engine().deliverPending().retried()).isPositive();
        GreenMail again = greenMail(port);
        opened.add(again::stop);
        scenario.after(Duration.ofMinutes(2));
        assertThat(scenario.engine().deliverPending().pending()).isZero();
        assertThat(again.getReceivedMessages()).hasSize(1);
    }

    /** A server that accepts the connection and then behaves as {@code session} makes it. */
    private int server(SessionBehaviour session) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        opened.add(server);
        Thread t = new Thread(
                () -> {
                    try {
                        while (!server.isClosed()) {
                            Socket s = server.accept();
                            opened.add(s);
                            session.run(s);
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                },
                "smtp-outage-server");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private interface SessionBehaviour {
        void run(Socket socket) throws IOException;
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheSendRetryablyWithinTheTimeOut() throws IOException {
        int port = server(socket -> {}); // no greeting, ever
        Scenario scenario = Scenario.create();
        long started = System.nanoTime();

        assertThatThrownBy(() -> notifier(port, scenario)
                        .send(SmtpNotifierTest.notification(
                                "k-silent", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty())))
                .isInstanceOf(SmtpDeliveryException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("at most four time-outs of 1 s")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatDropsTheConnectionAtOnceFailsTheSendRetryably() throws IOException {
        int port = server(Socket::close);
        Scenario scenario = Scenario.create();

        assertThatThrownBy(() -> notifier(port, scenario)
                        .send(SmtpNotifierTest.notification(
                                "k-dropped", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty())))
                .isInstanceOf(SmtpDeliveryException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
    }
}
