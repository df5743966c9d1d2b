package dev.escalation.examples.redmine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.spi.PermanentDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Thin JSON-over-HTTP layer: authentication header, status classification and Jackson (de)serialisation.
 * Thread-safe (HttpClient and ObjectMapper are).
 */
final class RedmineClient {
    /** The largest answer read (a page of 100 issues with long descriptions is far smaller); a larger one fails. */
    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    /**
     * How many request time-outs one call of the adapter may take in all, its look-ups included: a call makes up to
     * six round trips, and each one that answers just within the time-out would otherwise add up to far more than
     * the engine's delivery lease.
     */
    static final int CALL_TIME_OUTS = 4;

    /** A response with a status the caller wants to look at itself (2xx or 404). */
    record Response(int status, JsonNode body) {
        boolean found() {
            return status != 404;
        }

        /**
         * The list {@code field} of a 2xx answer. A 2xx without it (a proxy's HTML page, a truncated body) says
         * nothing about what Redmine holds, so it is a retryable failure, never an empty list: an empty search would
         * make {@code open} create a second issue, and empty look-ups would be cached.
         */
        JsonNode list(String field, String what) {
            return required(field, what, body.path(field).isArray(), "list");
        }

        /** The object {@code field} of a 2xx answer; a 2xx without it is a retryable failure, as for {@link #list}. */
        JsonNode object(String field, String what) {
            return required(field, what, body.path(field).isObject(), "object");
        }

        private JsonNode required(String field, String what, boolean present, String shape) {
            if (status == 404 || !present) {
                throw new RedmineException(
                        "Redmine answered " + what + " with " + status + " but without the " + shape + " '" + field
                                + "'",
                        status,
                        null);
            }
            return body.path(field);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl; // without trailing slash; paths start with one
    private final String apiKey;
    private final Duration requestTimeout;
    private final Duration callTimeout;
    /** The {@link System#nanoTime()} by which the running call ({@link #within}) of this thread must end. */
    private final ThreadLocal<@Nullable Long> callDeadline = new ThreadLocal<>();

    RedmineClient(HttpClient http, ObjectMapper json, URI baseUrl, String apiKey, Duration requestTimeout) {
        this.http = http;
        this.json = json;
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.callTimeout = requestTimeout.multipliedBy(CALL_TIME_OUTS);
    }

    /**
     * Runs one call of the adapter (one of its public methods, which do not call each other): every request it makes
     * ends by {@link #CALL_TIME_OUTS} request time-outs after it started, and one that would start later fails
     * retryably without being sent.
     */
    <T> T within(Supplier<T> call) {
        callDeadline.set(System.nanoTime() + callTimeout.toNanos());
        try {
            return call.get();
        } finally {
            callDeadline.remove();
        }
    }

    /** {@link #within} for a call that returns nothing. */
    void run(Runnable call) {
        within(() -> {
            call.run();
            return null;
        });
    }

    /** The most the next request may wait: the request time-out, or less where the call's deadline is nearer. */
    private Duration nextWait(String what) {
        Long deadline = callDeadline.get();
        if (deadline == null) {
            return requestTimeout;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new RedmineException(
                    "Redmine did not answer " + what + " in time: the call had used up its " + callTimeout + " ("
                            + CALL_TIME_OUTS + " request time-outs)",
                    0,
                    null);
        }
        return left < requestTimeout.toNanos() ? Duration.ofNanos(left) : requestTimeout;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** GET; a 404 is returned, not thrown. */
    Response get(String path, Map<String, List<String>> query) {
        return send("GET", path, query, null);
    }

    Response post(String path, ObjectNode body) {
        return send("POST", path, Map.of(), body);
    }

    Response put(String path, ObjectNode body) {
        return send("PUT", path, Map.of(), body);
    }

    Response delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    private Response send(String method, String path, Map<String, List<String>> query, @Nullable ObjectNode body) {
        String what = method + " " + path;
        Duration wait = nextWait(what);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + queryString(query)))
                .timeout(wait)
                .header("X-Redmine-API-Key", apiKey)
                .header("Accept", "application/json");
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = exchange(request.build(), wait);
            return classify(what, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new RedmineException(
                    "Redmine did not answer " + what + " (" + e.getClass().getSimpleName() + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedmineException("interrupted while calling Redmine: " + what, 0, e);
        }
    }

    /**
     * Sends and waits for the whole answer, its body included, at most {@code wait}. HttpClient's own time-out ends
     * with the headers: a body that trickles in would hold the caller, and the look-ups' lock, as long as the server
     * likes.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request, Duration wait) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request, info -> new Limited(HttpResponse.BodySubscribers.ofByteArray()));
        try {
            return answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + wait);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    /** Collects an answer's body up to {@link #MAX_ANSWER_BYTES}, failing (and cancelling the rest) beyond. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> body;
        private Flow.@Nullable Subscription subscription;
        private long received;

        Limited(HttpResponse.BodySubscriber<byte[]> body) {
            this.body = body;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            body.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (received > MAX_ANSWER_BYTES) {
                return; // failed already
            }
            for (ByteBuffer item : items) {
                received += item.remaining();
            }
            if (received > MAX_ANSWER_BYTES) {
                if (subscription != null) {
                    subscription.cancel();
                }
                body.onError(new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes"));
            } else {
                body.onNext(items);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.onError(failure);
        }

        @Override
        public void onComplete() {
            if (received <= MAX_ANSWER_BYTES) {
                body.onComplete();
            }
        }
    }

    private Response classify(String what, int status, byte[] body) {
        if (status >= 200 && status < 300 || status == 404) {
            return new Response(status, body.length == 0 ? MissingNode.getInstance() : parse(body));
        }
        // The body is left out of every message: Redmine's validation messages and a proxy's page may echo what was
        // sent (names, addresses, texts) and may be large. The reason is this class's, from the status alone.
        if (status >= 500 || status == 408 || status == 409 || status == 425 || status == 429) {
            throw new RedmineException("Redmine answered " + status + " to " + what, status, null);
        }
        if (status >= 300 && status < 400) {
            // Redmine's REST API does not redirect a call to the right URL: the base URL is wrong (http where Redmine
            // wants https, a moved host, a login page in front). A retry gets the same answer, and following it would
            // send the API key along, perhaps to another host. The target is not quoted: it may repeat the query.
            throw new PermanentDeliveryException(
                    "Redmine answered " + what + " with " + status + " (" + reason(status) + "), a redirect, which is"
                            + " not followed: check baseUrl (e.g. https instead of http)",
                    null);
        }
        // 400, 401, 403, 413, 422, ...: the same request with the same configuration fails again.
        throw new PermanentDeliveryException(
                "Redmine refused " + what + " with " + status + " (" + reason(status) + ")", null);
    }

    /** The standard reason phrase of a 3xx or 4xx status: HTTP/2 answers carry none, a server's may say anything. */
    static String reason(int status) {
        return switch (status) {
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized: check apiKey";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden: the API key's user lacks a permission";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            default -> status >= 300 && status < 400 ? "Redirection" : "Client Error";
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // e.g. an HTML error page
        }
    }

    private static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((name, values) ->
                values.forEach(value -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return joined.toString();
    }
}
