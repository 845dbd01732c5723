package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.contract.HubIds;
import io.igrelay.schemas.topics.RecordHeaders;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every hub API request that becomes an OutboundMessage shares (messages and comment operations): resolve
 * {@code from} within the caller's Application (404, or 422 for a disconnected or re-auth channel), derive the
 * message id, put the request on ig.outbound.requests (key = to) marked as enqueued by the ingress, and once the
 * broker acknowledged it record ENQUEUED on ig.message.status (contract §6.4).
 */
public final class OutboundRequests {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundRequests.class);

    private final ChannelLookup channels;
    private final RecordPublisher publisher;
    private final AcceptedMessages accepted;
    private final Clock clock;

    public OutboundRequests(ChannelLookup channels, RecordPublisher publisher, AcceptedMessages accepted,
                            Clock clock) {
        this.channels = channels;
        this.publisher = publisher;
        this.accepted = accepted;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** The caller's channel named by {@code from} (UUID or username), if it may send. */
    public Channel resolve(String applicationId, String from) {
        Optional<Channel> channel = HubIds.isHubId(from)
                ? channels.byId(from).filter(c -> c.getApplicationId().equals(applicationId))
                : channels.byUsername(applicationId, from);
        Channel found = channel.orElseThrow(() ->
                new ApiError(404, HubErrorCode.CHANNEL_NOT_FOUND, "channel " + from + " not found"));
        if (found.getStatus() == ChannelStatus.DISCONNECTED) {
            throw new ApiError(422, HubErrorCode.CHANNEL_DISCONNECTED, "channel " + from + " is disconnected");
        }
        if (found.getStatus() == ChannelStatus.REAUTH_REQUIRED) {
            throw new ApiError(422, HubErrorCode.REAUTH_REQUIRED,
                    "channel " + from + " must be connected again (its token is no longer valid)");
        }
        return found;
    }

    /**
     * A random id, or, for a request with an Idempotency-Key, one derived from the Application, the recipient and the
     * key: a repeat that reaches another replica, or comes after a restart (when this replica's store no longer has
     * the first answer), is enqueued under the same id, and the processor's gate drops it as a message it already
     * decided (its dedup horizon, 7 days by default, outlasts the 24 h promise); the caller gets the same messageId.
     */
    public static String messageId(String applicationId, String to, Optional<String> idempotencyKey) {
        return idempotencyKey.map(key -> UUID.nameUUIDFromBytes(String.join("\n", "igrelay-idempotency",
                        applicationId, to, key).getBytes(StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** Publishes the request; the future holds its message id once the broker has it. */
    public Future<String> enqueue(OutboundMessage message, Channel channel) {
        // marked: this service writes the message's enqueued status (contract §6.4), so the gate does not
        return publisher.publish(Topics.OUTBOUND_REQUESTS, message.getTo(), message,
                        Map.of(RecordHeaders.ENQUEUED_BY, "ingress"))
                .recover(e -> Future.failedFuture(ApiError.unavailable(
                        "the message queue is unavailable, retry later")))
                .map(v -> enqueued(message, channel));
    }

    private String enqueued(OutboundMessage message, Channel channel) {
        accepted.remember(message.getMessageId(), message.getApplicationId());
        Instant now = clock.instant();
        MessageStatus status = MessageStatus.newBuilder()
                .setMessageId(message.getMessageId())
                .setApplicationId(message.getApplicationId())
                .setChannelId(channel.getChannelId())
                .setTo(message.getTo())
                .setStatus(DeliveryState.ENQUEUED)
                .setMetaMessageIds(List.of())
                .setDecisionTime(now)
                .setAt(now)
                .build();
        publisher.publish(Topics.MESSAGE_STATUS, message.getTo(), status).onFailure(e ->
                LOG.warn("ENQUEUED status of {} not written: {}", message.getMessageId(), e.toString()));
        return message.getMessageId();
    }
}
