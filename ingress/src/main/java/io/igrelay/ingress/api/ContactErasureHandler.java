package io.igrelay.ingress.api;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * {@code DELETE /v1/communication/instagram/contacts/{igsid}} (contract §7): an IGSID that wrote to one of the caller's
 * channels (known from the processor's window query) gets a DeletionRequest on ig.deletions, keyed by a 128-bit
 * confirmation code; the 202 names the status page. Anyone else's contact is 404; an unreachable processor is 503,
 * since an erasure must not be accepted for someone the Application never talked to.
 */
public final class ContactErasureHandler {

    private final ContactChannels contacts;
    private final RecordPublisher publisher;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final SecureRandom random;

    public ContactErasureHandler(ProcessorClient processor, ChannelLookup channels, RecordPublisher publisher,
                                 URI publicBaseUrl, Clock clock, SecureRandom random) {
        this.contacts = new ContactChannels(processor, channels);
        this.publisher = publisher;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.random = random;
    }

    public void handle(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        String igsid = ctx.pathParam("igsid");
        contacts.of(caller, igsid).compose(channel -> {
            byte[] code = new byte[16];
            random.nextBytes(code);
            DeletionRequest request = DeletionRequest.newBuilder()
                    .setConfirmationCode(HexFormat.of().formatHex(code))
                    .setSubjectType(DeletionSubject.IGSID)
                    .setSubjectId(igsid)
                    .setAppId(null)
                    .setApplicationId(caller.applicationId())
                    .setRequestedAt(clock.instant())
                    .build();
            return publisher.publish(Topics.DELETIONS, request.getConfirmationCode(), request)
                    .recover(e -> Future.failedFuture(ApiError.unavailable("the queue is unavailable, retry later")))
                    .map(v -> request.getConfirmationCode());
        }).onSuccess(code -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("confirmationCode", code)
                        .put("statusUrl", publicBaseUrl + "/meta/data-deletion/" + code)
                        .encode()))
                .onFailure(ctx::fail);
    }
}
