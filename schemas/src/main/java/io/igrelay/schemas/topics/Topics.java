package io.igrelay.schemas.topics;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.avro.SendRecord;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.avro.WebhookEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalogue of contract §4: every topic the hub reads or writes, with its value type, cleanup policy,
 * retention and partition group. Services create or check exactly these at start-up (see {@link TopicProvisioner}).
 */
public final class Topics {

    /** Meta batches up to 1,000 updates per delivery; the raw topic allows 5 MiB records. */
    public static final int RAW_MAX_RECORD_BYTES = 5 * 1024 * 1024;

    private static final Duration DAYS_7 = Duration.ofDays(7);
    private static final Duration DAYS_30 = Duration.ofDays(30);

    public static final TopicSpec<WebhookDelivery> WEBHOOKS_RAW = new TopicSpec<>(
            "ig.webhooks.raw", WebhookDelivery.class, CleanupPolicy.DELETE, Optional.of(DAYS_7),
            PartitionGroup.CONVERSATION,
            Map.of("max.message.bytes", Integer.toString(RAW_MAX_RECORD_BYTES), "compression.type", "producer"));

    public static final TopicSpec<InstagramEvent> EVENTS = new TopicSpec<>(
            "ig.events", InstagramEvent.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.CONVERSATION, Map.of());

    public static final TopicSpec<ConversationWindow> WINDOWS = new TopicSpec<>(
            "ig.windows", ConversationWindow.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.CONVERSATION, Map.of());

    /** Outside producers write here; LogAppendTime makes the broker's clock the gate's "now", so nobody backdates. */
    public static final TopicSpec<OutboundMessage> OUTBOUND_REQUESTS = new TopicSpec<>(
            "ig.outbound.requests", OutboundMessage.class, CleanupPolicy.DELETE, Optional.of(DAYS_7),
            PartitionGroup.CONVERSATION, Map.of("message.timestamp.type", "LogAppendTime"));

    public static final TopicSpec<DispatchCommand> OUTBOUND_DISPATCH = new TopicSpec<>(
            "ig.outbound.dispatch", DispatchCommand.class, CleanupPolicy.DELETE, Optional.of(DAYS_7),
            PartitionGroup.DISPATCH, Map.of());

    public static final TopicSpec<SendRecord> DISPATCH_LEDGER = new TopicSpec<>(
            "ig.dispatch.ledger", SendRecord.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.DISPATCH, Map.of());

    public static final TopicSpec<MessageStatus> MESSAGE_STATUS = new TopicSpec<>(
            "ig.message.status", MessageStatus.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.CONVERSATION, Map.of());

    public static final TopicSpec<DeadLetter> OUTBOUND_DLQ = new TopicSpec<>(
            "ig.outbound.dlq", DeadLetter.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<ChannelEvent> CHANNEL_EVENTS = new TopicSpec<>(
            "ig.channel.events", ChannelEvent.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<Channel> CHANNELS = new TopicSpec<>(
            "ig.channels", Channel.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<Application> APPLICATIONS = new TopicSpec<>(
            "hub.applications", Application.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<WebhookEvent> WEBHOOK_EVENTS = new TopicSpec<>(
            "hub.webhook.events", WebhookEvent.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<Webhook> WEBHOOKS = new TopicSpec<>(
            "hub.webhooks", Webhook.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<DeletionRequest> DELETIONS = new TopicSpec<>(
            "ig.deletions", DeletionRequest.class, CleanupPolicy.DELETE, Optional.of(DAYS_30),
            PartitionGroup.INDEPENDENT, Map.of());

    public static final TopicSpec<DeletionStatus> DELETION_STATUS = new TopicSpec<>(
            "ig.deletion.status", DeletionStatus.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.INDEPENDENT, Map.of());

    /** Reusable attachments per channel (key {@code <channelId>|<attachmentId>}); the ingress is the sole writer. */
    public static final TopicSpec<ReusableAttachment> ATTACHMENTS = new TopicSpec<>(
            "ig.attachments", ReusableAttachment.class, CleanupPolicy.COMPACT, Optional.empty(),
            PartitionGroup.INDEPENDENT, Map.of());

    /** Every topic, in the order of contract §4. */
    public static final List<TopicSpec<?>> ALL = List.of(
            WEBHOOKS_RAW, EVENTS, WINDOWS, OUTBOUND_REQUESTS, OUTBOUND_DISPATCH, DISPATCH_LEDGER, MESSAGE_STATUS,
            OUTBOUND_DLQ, CHANNEL_EVENTS, CHANNELS, APPLICATIONS, WEBHOOK_EVENTS, WEBHOOKS, DELETIONS,
            DELETION_STATUS, ATTACHMENTS);

    private Topics() {
    }
}
