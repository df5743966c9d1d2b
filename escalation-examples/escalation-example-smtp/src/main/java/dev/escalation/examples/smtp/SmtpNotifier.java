package dev.escalation.examples.smtp;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PermanentDeliveryException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Notifier} that delivers {@link DeliveryChannel#EMAIL} notifications as e-mail over SMTP with Jakarta Mail
 * (Angus Mail): the engine's plain-text subject and body, or, with {@link Builder#templates(MailTemplates)}, a
 * subject, a text and an HTML part rendered from {@link MailTemplates} per kind and the recipient's language.
 *
 * <p>Each notification becomes one message to its recipient:
 * <ul>
 *   <li>{@code Message-ID} is {@code <sha256-hex(idempotencyKey)@domain>} (see {@link #messageIdFor}), so every
 *       retry of one notification carries the same Message-ID and a receiving system that keeps Message-IDs can drop
 *       the duplicates;</li>
 *   <li>{@code Subject} and the {@code text/plain; charset=UTF-8} body are the notification's subject and body, as
 *       the engine rendered them for the recipient's locale and time zone (a subject or display name is encoded
 *       as a whole where Jakarta Mail would send it so that a client shows other text, e.g. an ASCII text shaped
 *       like an RFC 2047 encoded word, or one with a line break: the client shows exactly these characters);
 *       {@code Content-Language} is the language that text is in ({@link Notification#textLocale()}: English for a
 *       reader whose language no text source has, none if unknown), with templates the language of the templates
 *       used (English where they lack the recipient's);</li>
 *   <li>{@code X-Escalation-Id} and {@code X-Escalation-Kind} carry the escalation id and the notification kind, for
 *       mail filters;</li>
 *   <li>a notification with a {@link dev.escalation.spi.MeetingInvite} becomes {@code multipart/alternative}: the
 *       plain-text body and a {@code text/calendar; method=REQUEST} (invitation or update) or
 *       {@code method=CANCEL} (cancellation) part (iTIP/iMIP, RFC 5546/6047) built by {@link MeetingInvitations},
 *       with the invite's UID and SEQUENCE, and for a meeting series its RRULE and EXDATEs.</li>
 * </ul>
 *
 * <p>Failures: a recipient address that cannot be parsed, a non-e-mail channel, an invitation that is not valid
 * iCalendar and a permanent (5xx) rejection by the server throw {@link PermanentDeliveryException}; connection
 * failures, time-outs and transient (4xx) replies throw {@link SmtpDeliveryException}, which the engine retries.
 * Nothing is swallowed.
 *
 * <p>Channels and capabilities: {@link #channels()} is {@link DeliveryChannel#EMAIL}. SMTP cannot refuse a second
 * message with a known Message-ID, so {@link #capabilities()} does <em>not</em> declare
 * {@link Capability#DEDUPLICATES_BY_KEY}; a retried notification may arrive twice, with the same Message-ID.
 *
 * <p>Thread-safe and immutable: every {@link #send} opens its own SMTP connection. Log lines carry the escalation
 * id, kind and Message-ID only, never addresses, subjects or bodies.
 */
public final class SmtpNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpNotifier.class);
    /** How many time-outs a whole send may take (connect, greeting, envelope, message, QUIT). */
    private static final int SEND_TIME_OUTS = 4;

    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Session session;
    private final Properties properties;
    private final Duration sendTimeout;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final @Nullable String username;
    private final @Nullable String password;
    private final MeetingInvitations invitations;
    private final Clock clock;
    private final @Nullable MailTemplates templates;

    private SmtpNotifier(Builder builder) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", builder.host);
        properties.put("mail.smtp.port", Integer.toString(builder.port));
        properties.put("mail.smtp.connectiontimeout", Long.toString(builder.timeout.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(builder.timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(builder.timeout.toMillis()));
        properties.put("mail.smtp.from", builder.from.getAddress());
        if (builder.startTls) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (builder.username != null) {
            properties.put("mail.smtp.auth", "true");
        }
        this.session = Session.getInstance(properties);
        this.properties = properties;
        this.sendTimeout = builder.timeout.multipliedBy(SEND_TIME_OUTS);
        this.from = builder.from;
        this.messageIdDomain = builder.messageIdDomain;
        this.username = builder.username;
        this.password = builder.password;
        this.clock = builder.clock;
        this.invitations = new MeetingInvitations(builder.productId, builder.clock);
        this.templates = builder.templates;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Message-ID this notifier gives every delivery of a notification with this idempotency key:
     * {@code <} lower-case hex SHA-256 of the key's UTF-8 bytes {@code @} domain {@code >}.
     *
     * @param idempotencyKey the notification's key
     * @param domain         the right-hand side, e.g. {@code escalation.invalid}
     * @return the Message-ID, with angle brackets
     * @throws NullPointerException if an argument is null
     */
    public static String messageIdFor(String idempotencyKey, String domain) {
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(domain, "domain");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Sends the notification as one e-mail to its recipient.
     *
     * @param notification what to deliver
     * @throws NullPointerException       if {@code notification} is null
     * @throws PermanentDeliveryException if the channel is not e-mail, the recipient address is malformed, or the
     *                                    server rejects the recipient or message for good (5xx)
     * @throws SmtpDeliveryException      on connection failures, time-outs and transient (4xx) replies; retryable
     */
    @Override
    public void send(Notification notification) {
        requireNonNull(notification, "notification");
        String messageId = messageIdFor(notification.idempotencyKey(), messageIdDomain);
        if (notification.channel() != DeliveryChannel.EMAIL) {
            throw new PermanentDeliveryException(
                    "SmtpNotifier delivers e-mail only, not " + notification.channel() + " (escalation "
                            + notification.escalation() + ", message " + messageId + ")",
                    null);
        }
        InternetAddress to = recipientAddress(notification, messageId);
        MimeMessage message = compose(notification, to, messageId);
        try {
            sendWithinDeadline(message);
        } catch (SendFailedException e) {
            throw classify(e, notification, messageId);
        } catch (MessagingException e) {
            throw new SmtpDeliveryException(
                    "SMTP delivery failed for escalation " + notification.escalation() + " (" + notification.kind()
                            + ", message " + messageId + "); will be retried",
                    e);
        }
        LOG.debug("Sent {} for escalation {} as {}", notification.kind(), notification.escalation(), messageId);
    }

    /**
     * Sends on a connection that is closed when the send takes longer than {@value #SEND_TIME_OUTS} time-outs: the
     * connect, read and write time-outs bound each step only, so a server that answers a little at a time (a tarpit)
     * would hold the sending thread, the engine's dispatcher, as long as it likes.
     */
    private void sendWithinDeadline(MimeMessage message) throws MessagingException {
        Sockets sockets = new Sockets();
        Properties withSockets = new Properties();
        withSockets.putAll(properties);
        withSockets.put("mail.smtp.socketFactory", sockets);
        Transport transport = Session.getInstance(withSockets).getTransport("smtp");
        ScheduledFuture<?> deadline =
                DEADLINES.schedule(sockets::closeAll, sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            try {
                transport.connect(username, password);
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                closeAfterFailure(transport, e);
                throw e;
            }
            closeAfterAcceptance(transport);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Ends the session of a message the server accepted (its 250 to the end of the message): from then on the
     * message is the server's to deliver (RFC 5321, 4.1.1.4), so a {@code QUIT} the server does not answer or a
     * connection it drops does not fail the send, which the engine would then send again, a second copy.
     */
    private static void closeAfterAcceptance(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug(
                    "SMTP session not ended cleanly after the message was accepted: {}",
                    e.getClass().getName());
        }
    }

    /** Ends the session of a failed send; a failing close does not hide why the send failed (a 5xx, say). */
    private static void closeAfterFailure(Transport transport, Exception failure) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "smtp-notifier-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The sockets of one send, closed at its deadline (which fails the send, retryably). */
    private static final class Sockets extends SocketFactory {
        private final List<Socket> made = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        void closeAll() {
            closed = true;
            made.forEach(Sockets::close);
        }

        private Socket made(Socket socket) {
            made.add(socket);
            if (closed) {
                close(socket);
            }
            return socket;
        }

        private static void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all that is wanted
            }
        }

        @Override
        public Socket createSocket() {
            return made(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return made(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return made(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return made(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            return made(new Socket(address, port, local, localPort));
        }
    }

    private static InternetAddress recipientAddress(Notification notification, String messageId) {
        try {
            InternetAddress address =
                    new InternetAddress(notification.recipient().email(), true);
            address.validate();
            return HeaderText.named(address, notification.recipient().displayName());
        } catch (AddressException e) {
            // the exception's message may contain the address: do not pass it on as cause text
            throw new PermanentDeliveryException(
                    "recipient address of " + notification.recipient().kind()
                            + " party is not a valid e-mail address (escalation " + notification.escalation()
                            + ", message " + messageId + ")",
                    null);
        }
    }

    private MimeMessage compose(Notification notification, InternetAddress to, String messageId) {
        try {
            MimeMessage message = new FixedIdMimeMessage(session, messageId);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            HeaderText.subject(message, notification.subject());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Escalation-Id", notification.escalation().value());
            message.setHeader("X-Escalation-Kind", notification.kind().name());
            Optional<MailTemplates.Rendered> mail;
            try {
                mail = Optional.ofNullable(templates).map(t -> t.render(notification));
            } catch (RuntimeException e) {
                // a broken template stays broken on retry: fix it and replay the dead letter
                throw new PermanentDeliveryException(
                        "mail templates failed for " + notification.kind() + " (escalation " + notification.escalation()
                                + ", message " + messageId + ")",
                        e);
            }
            if (mail.isPresent()) {
                HeaderText.subject(message, mail.get().subject());
            }
            // the language the mail is written in: the templates' (English standing in for a language they lack), or
            // without templates the language the engine's text is in (English for a reader whose language no text
            // source has), never simply the recipient's
            String language = mail.map(MailTemplates.Rendered::language)
                    .orElse(notification.textLocale().toLanguageTag());
            if (!language.equals("und")) {
                message.setContentLanguage(new String[] {language});
            }
            Optional<String> calendar;
            try {
                calendar = notification
                        .invite()
                        .map(invite -> invitations.render(
                                invite,
                                mail.flatMap(MailTemplates.Rendered::icsSummary).orElse(invite.title()),
                                mail.flatMap(MailTemplates.Rendered::icsDescription)
                                        .orElse(notification.body())));
            } catch (IllegalArgumentException e) {
                throw new PermanentDeliveryException(
                        "invitation cannot be expressed as valid iCalendar (escalation " + notification.escalation()
                                + ", message " + messageId + ")",
                        e);
            }
            if (mail.isPresent()) {
                // text and HTML from the templates, then the calendar part if any (RFC 6047 section 2.4)
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.get().text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.get().html(), StandardCharsets.UTF_8.name(), "html");
                MimeMultipart alternative = new MimeMultipart("alternative", text, html);
                if (calendar.isPresent()) {
                    alternative.addBodyPart(calendarPart(notification, calendar.get()));
                }
                message.setContent(alternative);
            } else if (calendar.isPresent()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(notification.body(), StandardCharsets.UTF_8.name());
                MimeBodyPart ics = new MimeBodyPart();
                String method = notification.invite().orElseThrow().method().name();
                ics.setContent(calendar.get(), "text/calendar; method=" + method + "; charset=UTF-8; name=invite.ics");
                ics.setHeader("Content-Transfer-Encoding", "8bit");
                MimeMultipart alternative = new MimeMultipart("alternative", text, ics);
                message.setContent(alternative);
            } else {
                message.setText(notification.body(), StandardCharsets.UTF_8.name());
            }
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not compose message " + messageId, e);
        }
    }

    private static MimeBodyPart calendarPart(Notification notification, String calendar) throws MessagingException {
        MimeBodyPart ics = new MimeBodyPart();
        String method = notification.invite().orElseThrow().method().name();
        ics.setContent(calendar, "text/calendar; method=" + method + "; charset=UTF-8; name=invite.ics");
        ics.setHeader("Content-Transfer-Encoding", "8bit");
        return ics;
    }

    /**
     * The server's replies name the recipient ({@code 550 5.1.1 <ina@customer.example>: unknown}), and the exception
     * holds the addresses: only the reply codes go on, the exception not even as the cause (as for an address that
     * does not parse).
     */
    private static RuntimeException classify(SendFailedException e, Notification notification, String messageId) {
        boolean permanent = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
        Set<Integer> replies = new TreeSet<>();
        for (Exception next = e; next != null; next = nextOf(next)) {
            int code = next instanceof SMTPAddressFailedException failed
                    ? failed.getReturnCode()
                    : next instanceof SMTPSendFailedException failed ? failed.getReturnCode() : -1;
            if (code > 0) {
                replies.add(code);
                permanent |= code >= 500;
            }
        }
        String where = " (escalation " + notification.escalation() + ", " + notification.kind() + ", message "
                + messageId + ", SMTP replies " + replies + ")";
        if (permanent) {
            return new PermanentDeliveryException("SMTP server rejected the message for good" + where, null);
        }
        return new SmtpDeliveryException(
                "SMTP server did not accept the message now" + where + "; will be retried", null);
    }

    private static @Nullable Exception nextOf(Exception e) {
        return e instanceof MessagingException messaging ? messaging.getNextException() : null;
    }

    /**
     * The channel this notifier delivers on.
     *
     * @return {@link DeliveryChannel#EMAIL}
     */
    @Override
    public Set<DeliveryChannel> channels() {
        return Set.of(DeliveryChannel.EMAIL);
    }

    /**
     * No optional capability: SMTP cannot refuse a duplicate. Retries carry the same Message-ID, which lets
     * receiving systems drop duplicates, but this notifier cannot promise one effect, so it does not declare
     * {@link Capability#DEDUPLICATES_BY_KEY}.
     *
     * @return an empty set
     */
    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /** A MimeMessage whose Message-ID is fixed instead of generated by {@code saveChanges()}. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /**
     * Configures an {@link SmtpNotifier}. Each setter validates its argument at once; {@link #build()} copies the
     * settings, so the builder may be reused. Not thread-safe.
     */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
        private @Nullable String host;
        private int port = 25;
        private @Nullable InternetAddress from;
        private String messageIdDomain = "escalation.invalid";
        private @Nullable String username;
        private @Nullable String password;
        private boolean startTls;
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private String productId = "-//Escalation SDK//SMTP notifier//EN";
        private @Nullable MailTemplates templates;

        private Builder() {}

        /**
         * The SMTP server's host name or address (required).
         *
         * @param host the host
         * @return this builder
         * @throws IllegalArgumentException if {@code host} is blank
         */
        public Builder host(String host) {
            requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /**
         * The SMTP server's port (default 25).
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is out of range
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The sender (required), also used as the envelope sender.
         *
         * @param address     an RFC 822 address such as {@code escalations@vendor.example}
         * @param displayName the name shown, e.g. {@code Support Management}
         * @return this builder
         * @throws IllegalArgumentException if {@code address} is not a valid e-mail address
         */
        public Builder from(String address, String displayName) {
            requireNonNull(address, "address");
            requireNonNull(displayName, "displayName");
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                parsed.validate();
                this.from = HeaderText.named(parsed, displayName);
            } catch (AddressException e) {
                throw new IllegalArgumentException("from must be a valid e-mail address", e);
            }
            return this;
        }

        /**
         * The right-hand side of generated Message-IDs (default {@code escalation.invalid}); use a domain the
         * vendor owns in production.
         *
         * @param domain a domain name
         * @return this builder
         * @throws IllegalArgumentException if {@code domain} is blank or not a plain domain name
         */
        public Builder messageIdDomain(String domain) {
            requireNonNull(domain, "domain");
            if (!domain.matches("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("messageIdDomain must be a plain domain name: " + domain);
            }
            this.messageIdDomain = domain;
            return this;
        }

        /**
         * Logs in with SMTP AUTH (default: no authentication).
         *
         * @param username the user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = requireNonNull(username, "username");
            this.password = requireNonNull(password, "password");
            return this;
        }

        /**
         * Requires STARTTLS (default off).
         *
         * @param startTls whether to require STARTTLS
         * @return this builder
         */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /**
         * Connect, read and write time-out (default 30 s). A whole send may take four times as long; a server that
         * answers a little at a time is cut off then (a retryable failure).
         *
         * @param timeout a positive duration of at most one day
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive or longer than a day
         */
        public Builder timeout(Duration timeout) {
            requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most a day: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The clock for the {@code Date} header and the invitation's {@code DTSTAMP} (default system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The iCalendar {@code PRODID} of invitations (default {@code -//Escalation SDK//SMTP notifier//EN}).
         *
         * @param productId the product identifier
         * @return this builder
         * @throws IllegalArgumentException if {@code productId} is blank
         */
        public Builder productId(String productId) {
            requireNonNull(productId, "productId");
            if (productId.isBlank()) {
                throw new IllegalArgumentException("productId must not be blank");
            }
            this.productId = productId;
            return this;
        }

        /**
         * Renders each mail from templates: subject, a {@code text/plain} and a {@code text/html} part (as
         * {@code multipart/alternative}) per notification kind and the recipient's language, and the localised
         * {@code SUMMARY} and {@code DESCRIPTION} of a lessons-learned invitation or cancellation. Without it (the
         * default) a mail is the engine's subject and plain-text body as they are.
         *
         * @param templates {@link MailTemplates#shipped()} (English, German) or a host's sources in front of them
         * @return this builder
         */
        public Builder templates(MailTemplates templates) {
            this.templates = requireNonNull(templates, "templates");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @return a new, immutable notifier
         * @throws IllegalStateException if {@code host} or {@code from} is not set
         */
        public SmtpNotifier build() {
            if (host == null) {
                throw new IllegalStateException("host is required");
            }
            if (from == null) {
                throw new IllegalStateException("from is required");
            }
            return new SmtpNotifier(this);
        }
    }
}
