package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.appwebhooks.ApplicationAuthenticator;
import io.igrelay.ingress.appwebhooks.AttemptLogView;
import io.igrelay.ingress.appwebhooks.EndpointCaller;
import io.igrelay.ingress.appwebhooks.EndpointPolicy;
import io.igrelay.ingress.appwebhooks.JobView;
import io.igrelay.ingress.appwebhooks.WebhookLogRoutes;
import io.igrelay.ingress.appwebhooks.WebhookRoutes;
import io.igrelay.ingress.appwebhooks.WebhookStore;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.store.LocalStore;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Walks docs/openapi.yaml: every operation is served by the one /v1 OpenAPI router with validation on and a handler
 * (the hub API's and the Application webhooks' real ones), and for each operation a request the document forbids
 * (a body of the wrong type, a non-integer paging parameter or a path parameter off its pattern) is refused with 400
 * and the contract's error JSON as documented for that operation. The invalid request is derived from the document,
 * so an operation added later is walked too, and one the document constrains in no way fails the test.
 */
class OpenApiCoverageTest {

    /** Valid values for path parameters, the first that matches the parameter's pattern is used. */
    private static final List<String> PATH_VALUES = List.of("0b4f5c1e-2a7d-4c39-9d7e-2f6a3b1c9e10",
            "1234567890123456", "l1");

    @TempDir
    Path dir;

    private final List<OpenAPIRoute> routes = new ArrayList<>();
    private LocalStore store;
    private ApiTestBed bed;
    private OpenAPIContract contract;

    @BeforeEach
    void start() {
        store = LocalStore.open(dir);
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024), null,
                vertx -> builder -> {
                    hooks(vertx).accept(builder);
                    routes.addAll(builder.getRoutes());
                });
        contract = OpenAPIContract.from(bed.vertx, ApiRouter.CONTRACT).await();
    }

    @AfterEach
    void stop() {
        bed.close();
        store.close();
    }

    /** The Application-webhook handlers as the ingress wires them, over an empty store and an unused producer. */
    private Consumer<RouterBuilder> hooks(Vertx vertx) {
        Clock clock = Clock.systemUTC();
        EndpointPolicy policy = new EndpointPolicy(true);
        WebhookLogRoutes logRoutes = new WebhookLogRoutes(
                new AttemptLogView(new AttemptLog(store, Duration.ofDays(30), clock)),
                new JobView(new JobTable(store, Duration.ofDays(7), clock)), (id, command) -> Future.succeededFuture(),
                clock, vertx.createSharedWorkerExecutor("coverage-store", 1), () -> true);
        ApplicationAuthenticator auth = ApplicationAuthenticator.of(ctx -> ctx.next(), ctx -> Optional
                .ofNullable(ApiKeyAuthHandler.caller(ctx)).map(AuthenticatedApplication::applicationId));
        WebhookRoutes webhooks = new WebhookRoutes(new WebhookStore(vertx, new MockProducer<>(), "hub.webhook.events"),
                policy, new EndpointCaller(vertx, policy, Duration.ofSeconds(1), clock),
                TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS), auth, logRoutes, clock);
        return webhooks::attach;
    }

    @Test
    void shouldServeEveryOperationWithValidationAndAHandler() {
        List<String> documented = contract.operations().stream().map(Operation::getOperationId).toList();

        assertThat(routes).extracting(route -> route.getOperation().getOperationId())
                .containsExactlyInAnyOrderElementsOf(documented);
        assertThat(documented).contains("sendMessage", "createWebhook", "getWebhookRetryJob");
        for (OpenAPIRoute route : routes) {
            String id = route.getOperation().getOperationId();
            assertThat(route.doValidation()).as("%s is validated", id).isTrue();
            assertThat(route.getHandlers()).as("%s has a handler", id).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseARequestTheDocumentForbidsOnEveryOperationWithTheDocumentedError() {
        ResponseValidator validator = ResponseValidator.create(bed.vertx, contract);
        for (Operation operation : contract.operations()) {
            Invalid invalid = invalid(operation);
            String what = operation.getOperationId() + " with " + invalid.what();

            HttpResponse<String> answer = bed.send(operation.getHttpMethod().name(), "/v1" + invalid.path(),
                    invalid.body(), Map.of("x-api-key", bed.apiKey));

            assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(400);
            JsonObject error = new JsonObject(answer.body());
            assertThat(error.containsKey("messageId")).as(what).isTrue();
            assertThat(error.getValue("messageId")).as(what).isNull();
            assertThat(error.getString("status")).as(what).isEqualTo("error");
            assertThat(error.getString("errorCode")).as(what).isEqualTo(HubErrorCode.INVALID_PAYLOAD.name());
            assertThat(error.getString("errorMessage")).as(what).isNotBlank();
            ValidatableResponse documented = ValidatableResponse.create(400, Map.of(), Buffer.buffer(answer.body()),
                    "application/json");
            assertThatCode(() -> validator.validate(documented, operation.getOperationId()).await())
                    .as("%s: 400 is documented with this shape", what).doesNotThrowAnyException();
        }
    }

    /** A request valid everywhere but in one place the document constrains. */
    private record Invalid(String path, String body, String what) {
    }

    private static Invalid invalid(Operation operation) {
        String path = validPath(operation, null);
        if (operation.getRequestBody() != null) {
            return new Invalid(path, "[]", "an array where the body must be an object");
        }
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() == Location.QUERY && p.getSchemaType() == SchemaType.INTEGER) {
                return new Invalid(path + "?" + p.getName() + "=x", null, "a non-integer " + p.getName());
            }
        }
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() == Location.PATH && p.getSchema().containsKey("pattern")) {
                return new Invalid(validPath(operation, p.getName()), null, p.getName() + " off its pattern");
            }
        }
        return fail("%s constrains nothing a request could get wrong", operation.getOperationId());
    }

    /** The operation's path with valid values, and {@code broken} (if not null) set to one off every pattern. */
    private static String validPath(Operation operation, String broken) {
        String path = operation.getOpenAPIPath();
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() != Location.PATH) {
                continue;
            }
            String pattern = p.getSchema().get("pattern", ".*");
            String value = p.getName().equals(broken) ? "zz!"
                    : PATH_VALUES.stream().filter(v -> v.matches(pattern)).findFirst()
                            .orElseThrow(() -> new AssertionError("no valid test value for " + p.getName()));
            path = path.replace("{" + p.getName() + "}", value);
        }
        return path;
    }
}
