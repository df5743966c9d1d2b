package dev.escalation.spring.boot;

import dev.escalation.Actor;
import dev.escalation.CorruptDataException;
import dev.escalation.DeadLetterView;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.OutboxStatus;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The Actuator endpoint {@code escalation} (web only): the outbox's dead letters and their replay, through the engine
 * and on behalf of the caller. The caller's principal is turned into an {@link Actor} by the host's
 * {@link ActorResolver}, and the engine authorises that actor as on every call: Support Management and Head of
 * Support may; anyone else gets 403, a request without a principal 401, both before the query or body is read (a
 * malformed request is 400 for Support Management only).
 *
 * <ul>
 *   <li>{@code GET /actuator/escalation[?size=50&after=cursor]}: counts ({@code pending}, {@code dead}) and one page
 *       of dead letters (id, escalation, customer, target, effect, recipient, queued at, attempts, code, last error
 *       type; never a payload), with the cursor of the next page.
 *   <li>{@code POST /actuator/escalation} with {@code {"messageId": "E-1/3/1"}}: replays one dead letter
 *       ({@code replayed}: whether it was dead-lettered and is pending again).
 *   <li>{@code POST /actuator/escalation} with {@code {"escalation": "E-1"}}: replays every dead letter of one
 *       escalation ({@code replayed}: how many).
 * </ul>
 *
 * <p>Expose it like any endpoint ({@code management.endpoints.web.exposure.include=health,escalation}) and protect it
 * like the rest of Actuator; the engine's role check is the last line, not the only one.
 */
@WebEndpoint(id = "escalation")
public final class EscalationEndpoint {
    private static final int DEFAULT_PAGE = 50;
    private static final String UNAVAILABLE = "a backend is unavailable; try again later";
    private static final String CORRUPT =
            "the store holds data that cannot be read back; trying again will not help (see the application's log)";

    private final EscalationEngine engine;
    private final ObjectProvider<ActorResolver> actors;

    /**
     * An endpoint on an engine.
     *
     * @param engine the engine
     * @param actors the host's {@link ActorResolver} (without one, every request is refused with 403)
     */
    public EscalationEndpoint(EscalationEngine engine, ObjectProvider<ActorResolver> actors) {
        this.engine = engine;
        this.actors = actors;
    }

    /**
     * Lists dead letters.
     *
     * @param security the caller
     * @param size     page size, 1 to 500 (default 50)
     * @param after    the cursor of the previous page
     * @return 200 with counts and the page (a dead letter the store cannot read back listed with code {@code
     *     UNREADABLE}); 400, 401, 403, 500 ({@code CORRUPT_DATA}: a store that cannot list such a letter) or 503
     */
    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> deadLetters(
            SecurityContext security, @Nullable Integer size, @Nullable String after) {
        return asActor(security, actor -> {
            OutboxStatus status = engine.operations().outboxCounts(actor); // the role first, then the request
            Optional<PageCursor> cursor = Optional.ofNullable(after).map(EscalationEndpoint::cursor);
            int pageSize = size == null ? DEFAULT_PAGE : size;
            Page<DeadLetterView> page = engine.operations()
                    .deadLetters(
                            actor,
                            cursor.isPresent()
                                    ? PageRequest.after(cursor.get(), pageSize)
                                    : PageRequest.first(pageSize));
            List<DeadLetter> items = page.items().stream().map(DeadLetter::of).toList();
            return Map.of(
                    "pending", status.pending(),
                    "dead", status.dead(),
                    "deadLetters", items,
                    "next", page.next().map(c -> c.at() + "_" + c.id()).orElse(""));
        });
    }

    /**
     * Replays dead letters: one ({@code messageId}) or all of one escalation ({@code escalation}), from the JSON body.
     * Message ids contain slashes ({@code E-1/3/1}), so they travel in the body, not in the path.
     *
     * @param security   the caller
     * @param messageId  the dead letter to replay, as listed
     * @param escalation the escalation whose dead letters to replay
     * @return 200 with {@code replayed} (whether the one was pending again, or how many); 400 unless exactly one of
     *     the two is given; 401, 403, 404, 500 ({@code CORRUPT_DATA}: the store cannot read the letter back, nothing
     *     replayed; mend its row first) or 503
     */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> replay(
            SecurityContext security, @Nullable String messageId, @Nullable String escalation) {
        return asActor(security, actor -> {
            engine.operations().outboxCounts(actor); // the role first: a refused caller's request is not read
            if ((messageId == null) == (escalation == null)) {
                throw new IllegalArgumentException("give either messageId or escalation in the JSON body");
            }
            return Map.of(
                    "replayed",
                    messageId != null
                            ? engine.operations().replay(actor, MessageId.of(messageId))
                            : engine.operations().replayAll(actor, EscalationId.of(escalation)));
        });
    }

    private WebEndpointResponse<Map<String, Object>> asActor(
            SecurityContext security, Function<Actor, Map<String, Object>> call) {
        Principal principal = security.getPrincipal();
        if (principal == null) {
            return refused(401, "NOT_AUTHENTICATED", "sign in first");
        }
        ActorResolver resolver = actors.getIfUnique();
        if (resolver == null) {
            return refused(403, "NOT_AUTHORIZED", "the application defines no ActorResolver bean");
        }
        Optional<Actor> actor = resolver.resolve(principal);
        if (actor.isEmpty()) {
            return refused(403, "NOT_AUTHORIZED", "the principal is no contact or staff member");
        }
        try {
            return new WebEndpointResponse<>(call.apply(actor.get()), WebEndpointResponse.STATUS_OK);
        } catch (NotAuthorizedException e) {
            return refused(403, e.code(), e.getMessage());
        } catch (EscalationNotFoundException e) {
            return refused(WebEndpointResponse.STATUS_NOT_FOUND, e.code(), e.getMessage());
        } catch (InvalidCommandException e) {
            return refused(WebEndpointResponse.STATUS_BAD_REQUEST, e.code(), e.getMessage());
        } catch (EscalationUnavailableException e) {
            // the engine's message may name the exception a backend threw: for the log, not for the HTTP client
            return refused(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.code(), UNAVAILABLE);
        } catch (CorruptDataException e) {
            // the engine's message names the store's table: for the log, not for the HTTP client
            return refused(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, e.code(), CORRUPT);
        } catch (EscalationException e) {
            return refused(WebEndpointResponse.STATUS_BAD_REQUEST, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return refused(WebEndpointResponse.STATUS_BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
        }
    }

    private static WebEndpointResponse<Map<String, Object>> refused(int status, String code, @Nullable String message) {
        return new WebEndpointResponse<>(Map.of("code", code, "message", message == null ? code : message), status);
    }

    private static PageCursor cursor(String value) {
        int cut = value.indexOf('_');
        if (cut < 0) {
            throw new IllegalArgumentException("after: not a cursor of this endpoint");
        }
        try {
            return new PageCursor(Instant.parse(value.substring(0, cut)), value.substring(cut + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("after: not a cursor of this endpoint", e);
        }
    }

    /**
     * One dead letter as the endpoint shows it: what it was and why it failed, never its content.
     *
     * @param id         the message id, for replay
     * @param escalation the escalation
     * @param customer   its customer
     * @param target     NOTIFICATION or TICKETING
     * @param effect     the notification kind or ticket call
     * @param recipient  for a notification: KIND:id, else empty
     * @param createdAt  when it was queued (ISO-8601)
     * @param attempts   the failed attempts
     * @param code       why it was given up (PERMANENT, ATTEMPTS_EXHAUSTED, NO_CHANNEL, UNKNOWN_RECIPIENT,
     *                   TEXT_PATTERN, UNRENDERABLE, UNREADABLE), or empty
     * @param lastError  the last failure's exception type, or empty
     */
    public record DeadLetter(
            String id,
            String escalation,
            String customer,
            String target,
            String effect,
            String recipient,
            String createdAt,
            int attempts,
            String code,
            String lastError) {

        static DeadLetter of(DeadLetterView v) {
            return new DeadLetter(
                    v.id().value(),
                    v.escalation().value(),
                    v.customer().value(),
                    v.target().name(),
                    v.effect(),
                    v.recipient().orElse(""),
                    v.createdAt().toString(),
                    v.attempts(),
                    v.code().orElse(""),
                    v.lastError().orElse(""));
        }
    }
}
