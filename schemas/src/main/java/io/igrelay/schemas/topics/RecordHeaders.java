package io.igrelay.schemas.topics;

/** Kafka record headers that carry meaning between the hub's services (values are UTF-8 strings). */
public final class RecordHeaders {

    /**
     * On an {@code ig.outbound.requests} record: the service that already wrote the message's {@code enqueued}
     * status (the hub API, contract §6.4), so the processor's gate writes only a rejection for it. Requests from outside
     * producers carry no such header, and the gate writes their {@code enqueued}.
     */
    public static final String ENQUEUED_BY = "igrelay-enqueued-by";

    private RecordHeaders() {
    }
}
