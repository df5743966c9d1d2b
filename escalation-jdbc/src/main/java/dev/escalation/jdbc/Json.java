package dev.escalation.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Resolution;
import dev.escalation.spi.Notification;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of the schema, written and read with Jackson. Every document is stored next to a format
 * number ({@link #FORMAT}); a later release that changes a document's shape bumps it and keeps reading old rows.
 * Side effects are typed by names this class owns ({@link #typeOf}), never by Java class names.
 */
final class Json {
    /** The format of every document this release writes. */
    static final int FORMAT = 1;

    /** The parts of an escalation that are not columns of their own. */
    record EscalationBody(
            String message,
            Optional<CommunicationPlan> plan,
            List<Party> participants,
            Optional<Resolution> resolution,
            Optional<LessonsLearned> lessonsLearned,
            Optional<PolicyRef> policy) {}

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            // instants and durations as ISO-8601 text: exact to the nanosecond and readable in the database
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T read(String json, int format, Class<T> type, String what) {
        checkFormat(format, what);
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not readable as format " + format, e);
        }
    }

    Map<String, String> readMap(String json, int format, String what) {
        checkFormat(format, what);
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not readable as format " + format, e);
        }
    }

    private static void checkFormat(int format, String what) {
        if (format != FORMAT) {
            throw new IllegalStateException("stored " + what + " has format " + format
                    + ", which this release of escalation-jdbc cannot read (it reads format " + FORMAT + ")");
        }
    }

    String writeBody(EscalationBody body) {
        return write(body);
    }

    EscalationBody readBody(String json, int format) {
        return read(json, format, EscalationBody.class, "escalation");
    }

    String writeEntry(ProgressEntry entry) {
        return write(entry);
    }

    ProgressEntry readEntry(String json, int format) {
        return read(json, format, ProgressEntry.class, "progress entry");
    }

    /** The stored type name of a side effect. */
    static String typeOf(SideEffect effect) {
        if (effect instanceof Notification) {
            return "notification";
        } else if (effect instanceof TicketCommand.Open) {
            return "ticket.open";
        } else if (effect instanceof TicketCommand.AddParticipant) {
            return "ticket.add-participant";
        } else if (effect instanceof TicketCommand.RemoveParticipant) {
            return "ticket.remove-participant";
        } else if (effect instanceof TicketCommand.PostUpdate) {
            return "ticket.post-update";
        } else if (effect instanceof TicketCommand.ChangeStatus) {
            return "ticket.change-status";
        }
        throw new IllegalArgumentException(
                "unknown side effect type " + effect.getClass().getName());
    }

    private static Class<? extends SideEffect> classOf(String type) {
        switch (type) {
            case "notification":
                return Notification.class;
            case "ticket.open":
                return TicketCommand.Open.class;
            case "ticket.add-participant":
                return TicketCommand.AddParticipant.class;
            case "ticket.remove-participant":
                return TicketCommand.RemoveParticipant.class;
            case "ticket.post-update":
                return TicketCommand.PostUpdate.class;
            case "ticket.change-status":
                return TicketCommand.ChangeStatus.class;
            default:
                throw new IllegalStateException("stored side effect has the unknown type " + type);
        }
    }

    String writeEffect(SideEffect effect) {
        return write(effect);
    }

    SideEffect readEffect(String type, String json, int format) {
        return read(json, format, classOf(type), "side effect " + type);
    }
}
