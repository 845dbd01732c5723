package io.igrelay.ingress.deletion;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.ops.HealthMonitor;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the deletion status page shows, per confirmation code: "received" as soon as a request is on ig.deletions
 * (from any replica), then whatever the processor reports on ig.deletion.status (compacted, read_committed). A
 * code nobody issued is unknown, so the page answers 404 instead of inventing a status.
 */
public final class DeletionStatusView implements AutoCloseable {

    private final Map<String, DeletionStatus> byCode = new ConcurrentHashMap<>();
    private final CompactedTopicView<DeletionRequest> requests;
    private final CompactedTopicView<DeletionStatus> statuses;

    public DeletionStatusView(String requestTopic, String statusTopic, Properties consumerProps,
                              Deserializer<DeletionRequest> requestDeserializer,
                              Deserializer<DeletionStatus> statusDeserializer) {
        this.requests = CompactedTopicView.reading(requestTopic, consumerProps, requestDeserializer,
                (code, request) -> {
                    if (request != null) {
                        received(request);
                    }
                });
        this.statuses = CompactedTopicView.reading(statusTopic, consumerProps, statusDeserializer,
                this::applyStatus);
    }

    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(requests.start(), statuses.start());
    }

    /** Reports both readers into the service's health (before start). */
    public DeletionStatusView reportInto(HealthMonitor health) {
        requests.reportInto(health);
        statuses.reportInto(health);
        return this;
    }

    /** True once both topics were read up to where they were at start. */
    public boolean loaded() {
        return requests.loaded() && statuses.loaded();
    }

    /** A request this replica just wrote (shown at once, before the view reads it back). */
    public void received(DeletionRequest request) {
        byCode.putIfAbsent(request.getConfirmationCode(), DeletionStatus.newBuilder()
                .setConfirmationCode(request.getConfirmationCode())
                .setState(DeletionState.RECEIVED)
                .setSubjectType(request.getSubjectType())
                .setUpdatedAt(request.getRequestedAt())
                .build());
    }

    void applyStatus(String code, DeletionStatus status) {
        if (status == null) {
            byCode.remove(code);
        } else {
            byCode.put(code, status);
        }
    }

    public Optional<DeletionStatus> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    @Override
    public void close() {
        requests.close();
        statuses.close();
    }
}
