package io.igrelay.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/*
 * The Confluent Schema Registry REST API over the JDK HttpClient, so any Confluent-compatible registry works
 * (Confluent, Apicurio's /apis/ccompat/v7, Karapace, Redpanda). Ids are cached both ways, so a serde asks the
 * registry once per schema; connection failures are retried a few times (the request never reached the server);
 * every other failure is a SchemaRegistryException naming URL, status and the registry's error body.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** @param basicAuth optional {@code user:password} */
    public RestSchemaRegistryClient(String baseUrl, Optional<String> basicAuth, Duration connectTimeout,
                                    Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI.create(this.baseUrl); // fail fast on a malformed URL
        this.authorization = basicAuth.filter(s -> !s.isBlank()).map(s -> "Basic "
                + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public RestSchemaRegistryClient(String baseUrl, Optional<String> basicAuth) {
        this(baseUrl, basicAuth, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        // no lock held during the HTTP call: two racing threads both register, and the registry answers one id
        JsonNode answer;
        try {
            answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        } catch (SchemaRegistryException e) {
            // Apicurio answers 409 "already exists" to the loser of a race creating a new subject: the schema is
            // there, so look its id up; a real incompatibility is not found by the lookup and is rethrown.
            if (e.status() != 409) {
                throw e;
            }
            try {
                return lookup(subject, schema);
            } catch (SchemaRegistryException lookupFailed) {
                throw e;
            }
        }
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " answered no id when registering"
                    + " subject " + subject + ": " + answer, 200, 0);
        }
        schemasById.putIfAbsent(id, schema);
        idsBySubjectSchema.putIfAbsent(key, id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " answered no id when looking up"
                    + " subject " + subject + ": " + answer, 200, 0);
        }
        schemasById.putIfAbsent(id, schema);
        idsBySubjectSchema.putIfAbsent(key, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return true; // nothing registered yet, so nothing to break
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        String path = subject == null ? "/config" : "/config/" + encode(subject);
        call("PUT", path, JSON.createObjectNode().put("compatibility", level.name()).toString());
    }

    @Override
    public Optional<RegisteredSchema> getLatest(String subject) {
        try {
            JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
            Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
            return Optional.of(new RegisteredSchema(subject, answer.path("version").asInt(),
                    answer.path("id").asInt(), schema));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[" + baseUrl + "]";
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        String url = baseUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = send(method, url, request.build());
        if (response.statusCode() / 100 != 2) {
            throw failure(method, url, response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(method + " " + url + " answered " + response.statusCode()
                    + " with a body that is not JSON: " + abbreviate(response.body()), response.statusCode(), 0, e);
        }
    }

    private HttpResponse<String> send(String method, String url, HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt >= ATTEMPTS) {
                    throw new SchemaRegistryException("Schema registry unreachable: " + method + " " + url
                            + " failed to connect " + ATTEMPTS + " times (" + e + ")", 0, 0, e);
                }
                sleep(200L * attempt);
            } catch (IOException e) {
                throw new SchemaRegistryException("Schema registry call " + method + " " + url + " failed: " + e,
                        0, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted during " + method + " " + url, 0, 0, e);
            }
        }
    }

    private static SchemaRegistryException failure(String method, String url, HttpResponse<String> response) {
        int errorCode = 0;
        String detail = abbreviate(response.body());
        try {
            JsonNode error = JSON.readTree(response.body());
            errorCode = error.path("error_code").asInt(0);
            if (error.hasNonNull("message")) {
                detail = error.get("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body as the detail
        }
        return new SchemaRegistryException("Schema registry refused " + method + " " + url + ": HTTP "
                + response.statusCode() + (errorCode != 0 ? " error_code " + errorCode : "") + ": " + detail,
                response.statusCode(), errorCode);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
