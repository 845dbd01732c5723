package io.igrelay.processor.webhooks;

import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.schemas.contract.WebhookFold;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds hub.webhook.events into the compacted hub.webhooks, whose sole writer is the processor (contract §4), with
 * the one {@link WebhookFold}: a deletion tombstones the webhook, events that do not apply are ignored.
 */
public final class WebhookFoldProcessor implements Processor<String, WebhookEvent, String, Webhook> {

    private final String storeName;
    private ProcessorContext<String, Webhook> context;
    private KeyValueStore<String, Webhook> webhooks;

    public WebhookFoldProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Webhook> context) {
        this.context = context;
        this.webhooks = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, WebhookEvent> record) {
        WebhookEvent event = record.value();
        if (event == null) {
            return;
        }
        Webhook current = webhooks.get(event.getWebhookId());
        Webhook next = WebhookFold.apply(current, event);
        if (next == current) {
            return;
        }
        if (next == null) {
            webhooks.delete(event.getWebhookId());
        } else {
            webhooks.put(event.getWebhookId(), next);
        }
        context.forward(new Record<>(event.getWebhookId(), next, record.timestamp()));
    }
}
