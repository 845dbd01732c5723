package io.igrelay.ingress.api;

import io.igrelay.ingress.api.ProcessorClient.StatusLookup;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /v1/communication/instagram/message/{id}}: the processor's status table answers (contract §5.4), scoped to
 * the caller's Application (another Application's message is 404). A message this replica accepted but the
 * processor has not seen yet is {@code enqueued}, never 404.
 */
public final class MessageStatusHandler {

    private final ProcessorClient processor;
    private final AcceptedMessages accepted;

    public MessageStatusHandler(ProcessorClient processor, AcceptedMessages accepted) {
        this.processor = processor;
        this.accepted = accepted;
    }

    public void handle(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        String messageId = ctx.pathParam("messageId");
        processor.status(messageId).onSuccess(lookup -> {
            if (lookup instanceof StatusLookup.Found found) {
                JsonObject status = found.status().copy();
                if (!caller.applicationId().equals(status.remove("applicationId"))) {
                    ctx.fail(notFound(messageId));
                    return;
                }
                ctx.json(status);
                return;
            }
            Optional<JsonObject> local = accepted.find(messageId)
                    .filter(a -> a.applicationId().equals(caller.applicationId()))
                    .map(a -> new JsonObject()
                            .put("messageId", a.messageId())
                            .put("status", "enqueued")
                            .put("metaMessageIds", new JsonArray())
                            .put("updatedAt", a.acceptedAt().toString())
                            .put("history", new JsonArray().add(new JsonObject()
                                    .put("status", "enqueued").put("at", a.acceptedAt().toString()))));
            if (local.isPresent()) {
                ctx.json(local.get());
            } else if (lookup instanceof StatusLookup.Unavailable) {
                ctx.fail(ApiError.unavailable("message status is unavailable right now, retry later"));
            } else {
                ctx.fail(notFound(messageId));
            }
        }).onFailure(ctx::fail);
    }

    private static ApiError notFound(String messageId) {
        return new ApiError(404, HubErrorCode.MESSAGE_NOT_FOUND, "message " + messageId + " not found");
    }
}
