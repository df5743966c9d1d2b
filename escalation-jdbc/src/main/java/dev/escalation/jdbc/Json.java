package dev.escalation.jdbc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Resolution;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.TicketCommand;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of the schema, written and read with Jackson. Every document is stored next to a format number;
 * this release writes {@link #FORMAT} (2) and reads format 1 (written by 0.1.0) as well: a 0.1.0 escalation body gets
 * the defaults of the components 0.2.0 added, a 0.1.0 progress entry becomes a {@code LEGACY_TEXT} entry and a 0.1.0
 * notification (rendered subject and body) becomes a {@link NotificationRequest} that still delivers them (see
 * {@link Legacy010}). Side effects are typed by names this class owns ({@link #typeOf}), never by Java class names.
 * {@link EntryParam} values are written with their variant tag: {@code {"type":"Text","value":"…"}}.
 */
final class Json {
    /** The format of every document this release writes. */
    static final int FORMAT = 2;

    /** The format of the documents 0.1.0 wrote. */
    static final int FORMAT_010 = 1;

    /** The format of due-item data, whose shape did not change in 0.2.0. */
    static final int DUE_FORMAT = 1;

    /** The parts of an escalation that are not columns or documents of their own. */
    record EscalationBody(
            String message,
            Optional<CommunicationPlan> plan,
            List<Party> participants,
            Optional<Resolution> resolution,
            Optional<LessonsLearned> lessonsLearned,
            Optional<PolicyRef> policy) {
        EscalationBody {
            participants = List.copyOf(participants); // immutable also as parsed: a DocumentMemo shares it
        }
    }

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, EntryParam>> PARAM_MAP = new TypeReference<>() {};

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addMixIn(ImprovementAction.class, ImprovementActionShape.class)
            .addModule(new SimpleModule("escalation-entry-params")
                    .addSerializer(EntryParam.class, new ParamSerializer())
                    .addDeserializer(EntryParam.class, new ParamDeserializer()))
            // instants and durations as ISO-8601 text: exact to the nanosecond and readable in the database
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * The JSON of an {@link ImprovementAction}: without its owner's kind, which column {@code owner_kinds} holds
     * ({@link OwnerKinds}), so that the body keeps the shape earlier releases read (they refuse unknown properties).
     * Read through the constructor without the kind; {@link EscalationRows} adds the kinds from the column.
     */
    abstract static class ImprovementActionShape {
        @JsonCreator
        ImprovementActionShape(
                @JsonProperty("description") String description,
                @JsonProperty("owner") String owner,
                @JsonProperty("due") Optional<Instant> due,
                @JsonProperty("status") ImprovementAction.Status status) {}

        @JsonIgnore
        abstract Optional<Party.Kind> ownerKind();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T read(String json, Class<T> type, String what) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not readable", e);
        }
    }

    <T> T read(JsonNode tree, Class<T> type, String what) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored " + what + " is not readable", e);
        }
    }

    /**
     * The tree of a stored document.
     *
     * @throws StoredDataException if it is not JSON (changed outside the store)
     */
    JsonNode tree(String json, String what) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException | IllegalArgumentException e) { // null is the latter
            throw new StoredDataException("stored " + what + " is not readable (not JSON)", 0, e);
        }
    }

    static void checkFormat(int format, int max, String what) {
        if (format < FORMAT_010 || format > max) {
            throw new IllegalStateException("stored " + what + " has format " + format
                    + ", which this release of escalation-jdbc cannot read (it reads formats 1 to " + max + ")");
        }
    }

    // ------------------------------------------------------------------------------------------ escalation row

    String writeBody(EscalationBody body) {
        return write(body);
    }

    EscalationBody readBody(String json, int format) {
        checkFormat(format, FORMAT, "escalation");
        if (format == FORMAT_010) {
            return read(Legacy010.body(tree(json, "escalation")), EscalationBody.class, "escalation");
        }
        return read(json, EscalationBody.class, "escalation");
    }

    String writeFacts(EscalationFacts facts) {
        return write(facts);
    }

    EscalationFacts readFacts(String json) {
        return read(json, EscalationFacts.class, "escalation facts");
    }

    String writeIntake(Intake intake) {
        return write(intake);
    }

    Intake readIntake(String json) {
        return read(json, Intake.class, "intake");
    }

    /** An optional document: JSON or SQL NULL. */
    String writeOptional(Optional<?> value) {
        return value.map(this::write).orElse(null);
    }

    Optional<HotlineAdvice> readHotline(String json) {
        return json == null ? Optional.empty() : Optional.of(read(json, HotlineAdvice.class, "hotline advice"));
    }

    Optional<PlanProposal> readProposal(String json) {
        return json == null ? Optional.empty() : Optional.of(read(json, PlanProposal.class, "plan proposal"));
    }

    // ------------------------------------------------------------------------------------------ entries

    String writeParams(Map<String, EntryParam> params) {
        return write(params);
    }

    Map<String, EntryParam> readParams(String json) {
        try {
            Map<String, EntryParam> params = mapper.readValue(json, PARAM_MAP);
            return Collections.unmodifiableMap(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entry parameters are not readable", e);
        }
    }

    // ------------------------------------------------------------------------------------------ due items

    Map<String, String> readMap(String json, int format, String what) {
        checkFormat(format, DUE_FORMAT, what);
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not readable", e);
        }
    }

    // ------------------------------------------------------------------------------------------ side effects

    /** The stored type name of a side effect. */
    static String typeOf(SideEffect effect) {
        if (effect instanceof NotificationRequest) {
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

    /** The side effect type a stored type name names, if it is one this class writes. */
    static Optional<Class<? extends SideEffect>> knownType(@org.jspecify.annotations.Nullable String type) {
        try {
            return type == null ? Optional.empty() : Optional.of(classOf(type));
        } catch (IllegalStateException unknown) {
            return Optional.empty();
        }
    }

    private static Class<? extends SideEffect> classOf(String type) {
        switch (type) {
            case "notification":
                return NotificationRequest.class;
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

    /**
     * Reads a side effect of format 1 or 2. Format 1 ticket commands have the shape of format 2; a format 1
     * notification is converted by {@link Legacy010#notification}.
     */
    SideEffect readEffect(String type, String json, int format) {
        checkFormat(format, FORMAT, "side effect " + type);
        if (format == FORMAT_010 && type.equals("notification")) {
            return Legacy010.notification(tree(json, "side effect " + type));
        }
        return read(json, classOf(type), "side effect " + type);
    }

    /** Converts a stored side effect to format 2, leaving one of format 2 as it is. */
    String upgradeEffect(String type, String json, int format) {
        return format == FORMAT ? json : writeEffect(readEffect(type, json, format));
    }

    // ------------------------------------------------------------------------------------------ EntryParam

    /** Writes an {@link EntryParam} as {@code {"type": <variant>, "value": <value>}}. */
    private static final class ParamSerializer extends JsonSerializer<EntryParam> {
        @Override
        public void serialize(EntryParam param, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            if (param instanceof EntryParam.Text t) {
                g.writeStringField("type", "Text");
                g.writeStringField("value", t.value());
            } else if (param instanceof EntryParam.At a) {
                g.writeStringField("type", "At");
                g.writeStringField("value", a.value().toString());
            } else if (param instanceof EntryParam.Span s) {
                g.writeStringField("type", "Span");
                g.writeStringField("value", s.value().toString());
            } else if (param instanceof EntryParam.Code c) {
                g.writeStringField("type", "Code");
                g.writeStringField("value", c.value());
            } else if (param instanceof EntryParam.Ref r) {
                g.writeStringField("type", "Ref");
                g.writeStringField("value", r.value());
            } else if (param instanceof EntryParam.Count n) {
                g.writeStringField("type", "Count");
                g.writeNumberField("value", n.value());
            } else {
                throw new IllegalArgumentException(
                        "unknown entry parameter " + param.getClass().getName());
            }
            g.writeEndObject();
        }
    }

    /** Reads what {@link ParamSerializer} wrote. */
    private static final class ParamDeserializer extends JsonDeserializer<EntryParam> {
        @Override
        public EntryParam deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonNode node = p.readValueAsTree();
            return param(node);
        }
    }

    static EntryParam param(JsonNode node) {
        JsonNode type = node.get("type");
        JsonNode value = node.get("value");
        if (type == null || value == null) {
            throw new IllegalStateException("stored entry parameter has no type or value");
        }
        switch (type.asText()) {
            case "Text":
                return new EntryParam.Text(value.asText());
            case "At":
                return new EntryParam.At(Instant.parse(value.asText()));
            case "Span":
                return new EntryParam.Span(Duration.parse(value.asText()));
            case "Code":
                return new EntryParam.Code(value.asText());
            case "Ref":
                return new EntryParam.Ref(value.asText());
            case "Count":
                if (!value.canConvertToLong()) {
                    throw new IllegalStateException("stored Count parameter is not a whole number");
                }
                return new EntryParam.Count(value.asLong());
            default:
                throw new IllegalStateException("stored entry parameter has the unknown type " + type.asText());
        }
    }
}
