package io.igrelay.processor.outbound;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReactionContent;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.channels.ChannelDirectory;
import io.igrelay.processor.dedup.SeenEvents;
import io.igrelay.processor.status.StatusTableProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.contract.HubIds;
import io.igrelay.schemas.topics.RecordHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The outbound gate (contract §6.2): resolves {@code from} within the request's Application, checks
 * the channel and the window (for an operation on a comment: {@link CommentGate}) at the request's broker time
 * (LogAppendTime), and decides. Every decision yields a
 * status; an accepted one also a DispatchCommand with its notAfter. A message id already decided (a producer's
 * retry) is ignored, using the dedup store and its horizon.
 *
 * <p>ENQUEUED is written once per message (contract §6.4): the hub API publishes it itself for the requests it accepts,
 * so the gate leaves it out when the request says so (header {@value #ENQUEUED_BY_HEADER}) or when the status
 * table already holds a status for that message id; requests of producers outside the hub get it from the gate.
 */
public final class OutboundGateProcessor implements Processor<String, OutboundMessage, String, GateDecision> {

    /**
     * Header of an ig.outbound.requests record whose producer has published (or will publish) the ENQUEUED status
     * itself; its value names that producer (e.g. {@code ingress}).
     */
    public static final String ENQUEUED_BY_HEADER = RecordHeaders.ENQUEUED_BY;

    private final GateStores stores;
    private final WindowCheck windowCheck;
    private final Duration notAfterMargin;
    private final Duration horizon;
    private final ProcessorCounters counters;
    private ProcessorContext<String, GateDecision> context;
    private ChannelDirectory channels;
    private KeyValueStore<String, Application> applications;
    private KeyValueStore<String, ConversationWindow> windows;
    private SeenEvents seen;
    private KeyValueStore<String, StatusView> statusTable;
    private CommentGate commentGate;

    public OutboundGateProcessor(GateStores stores, WindowMath math, Duration horizon, ProcessorCounters counters) {
        this.stores = stores;
        this.windowCheck = new WindowCheck(math);
        this.notAfterMargin = math.rules().notAfterMargin();
        this.horizon = horizon;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, GateDecision> context) {
        this.context = context;
        KeyValueStore<String, Channel> channelStore = context.getStateStore(stores.channels());
        this.channels = new ChannelDirectory(channelStore);
        this.applications = context.getStateStore(stores.applications());
        this.windows = context.getStateStore(stores.windows());
        this.seen = new SeenEvents(context.getStateStore(stores.seen()), context.getStateStore(stores.seenExpiry()));
        this.statusTable = context.getStateStore(stores.conversationStatus());
        this.commentGate = new CommentGate(context.getStateStore(stores.comments()), notAfterMargin);
    }

    @Override
    public void process(Record<String, OutboundMessage> record) {
        OutboundMessage message = record.value();
        if (message == null) {
            return;
        }
        String decidedId = "out:" + message.getMessageId();
        if (seen.contains(message.getTo(), decidedId)) {
            return;
        }
        seen.remember(message.getTo(), decidedId, null, record.timestamp() + horizon.toMillis());
        Instant now = Instant.ofEpochMilli(record.timestamp());
        GateDecision decision = decide(message, now);
        (decision.accepted() ? counters.outboundAccepted : counters.outboundRejected).incrementAndGet();
        if (decision.accepted() && enqueuedElsewhere(record, message)) {
            decision = decision.withoutStatus();
        }
        context.forward(new Record<>(message.getTo(), decision, record.timestamp()));
    }

    /** Whether this request's ENQUEUED status comes from its producer (the hub API) rather than from the gate. */
    private boolean enqueuedElsewhere(Record<String, OutboundMessage> record, OutboundMessage message) {
        return record.headers().lastHeader(ENQUEUED_BY_HEADER) != null
                || statusTable.get(StatusTableProcessor.rowKey(message.getTo(), message.getMessageId())) != null;
    }

    private GateDecision decide(OutboundMessage message, Instant now) {
        Optional<Channel> resolved = channels.resolveFrom(message.getApplicationId(), message.getFrom());
        if (resolved.isEmpty()) {
            return rejected(message, null, HubErrorCode.CHANNEL_NOT_FOUND.name(), "no channel '" + message.getFrom()
                    + "' in this Application", now);
        }
        Channel channel = resolved.get();
        if (channel.getStatus() == ChannelStatus.DISCONNECTED) {
            return rejected(message, channel, HubErrorCode.CHANNEL_DISCONNECTED.name(), "the channel is disconnected",
                    now);
        }
        if (channel.getStatus() == ChannelStatus.REAUTH_REQUIRED) {
            return rejected(message, channel, HubErrorCode.REAUTH_REQUIRED.name(),
                    "the channel needs to be connected again", now);
        }
        Application application = applications.get(message.getApplicationId());
        boolean humanAgentAllowed = application != null && application.getHumanAgentAllowed();
        Verdict verdict = message.getComment() != null ? commentGate.check(message, channel.getIgUserId(), now)
                : windowCheck.check(windows.get(message.getTo()), channel.getIgUserId(), message,
                        humanAgentAllowed, now);
        if (!verdict.accepted()) {
            return rejected(message, channel, verdict.errorCode(), verdict.errorMessage(), now);
        }
        String targetMid = null;
        if (message.getContent() instanceof ReactionContent reaction) {
            targetMid = seen.mid(message.getTo(), reaction.getTargetMessageId());
            if (targetMid == null || targetMid.isEmpty()) {
                return rejected(message, channel, HubErrorCode.MESSAGE_NOT_FOUND.name(), "no inbound message "
                        + reaction.getTargetMessageId() + " in this conversation", now);
            }
        }
        String replyToMid = message.getReplyTo();
        if (replyToMid != null && HubIds.isHubId(replyToMid)) {
            replyToMid = seen.mid(message.getTo(), message.getReplyTo());
            if (replyToMid == null || replyToMid.isEmpty()) {
                return rejected(message, channel, HubErrorCode.MESSAGE_NOT_FOUND.name(), "no inbound message "
                        + message.getReplyTo() + " in this conversation to reply to", now);
            }
        }
        DispatchCommand command = DispatchCommand.newBuilder()
                .setMessageId(message.getMessageId()).setApplicationId(message.getApplicationId())
                .setChannelId(channel.getChannelId()).setIgAccountId(channel.getIgUserId())
                .setIgsid(message.getTo()).setFlavour(channel.getFlavour()).setContent(message.getContent())
                .setReactionTargetMid(targetMid).setMessagingType(verdict.messagingType()).setTag(verdict.tag())
                .setAcceptedAt(now).setNotAfter(verdict.notAfter()).setReplyToMid(replyToMid)
                .setComment(message.getComment()).build();
        return new GateDecision(status(message, channel, DeliveryState.ENQUEUED, null, null, now), command);
    }

    private static GateDecision rejected(OutboundMessage message, Channel channel, String code, String reason,
                                         Instant now) {
        return new GateDecision(status(message, channel, DeliveryState.REJECTED, code, reason, now), null);
    }

    private static MessageStatus status(OutboundMessage message, Channel channel, DeliveryState state, String code,
                                        String reason, Instant now) {
        return MessageStatus.newBuilder().setMessageId(message.getMessageId())
                .setApplicationId(message.getApplicationId())
                .setChannelId(channel == null ? null : channel.getChannelId()).setTo(message.getTo())
                .setStatus(state).setErrorCode(code).setErrorMessage(reason).setRetryable(null)
                .setMetaMessageIds(List.of()).setDecisionTime(now).setAt(now).build();
    }
}
