package io.igrelay.schemas.webhooks;

import io.igrelay.avro.WebhookAttempt;
import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import java.util.Map;
import org.apache.avro.Schema;

/*
 * The one place that names each hub-internal webhook topic with its Avro record and its codec, built once per
 * service from the serdes it already uses for its Avro topics (same registry, ids cached). The topics are not in
 * the Topics catalogue because their retention is a deployment setting (WEBHOOK_QUEUE_RETENTION) and both the
 * ingress and the dispatcher create them (HubWebhookTopics.ensure); their records are checked like the catalogue's
 * (snapshots, BACKWARD evolution, documented fields).
 */
public final class HubWebhookCodecs {

    private final AvroSerdes serdes;
    private final AttemptLogCodec log;
    private final JobStateCodec jobs;
    private final CommandCodec commands;

    public HubWebhookCodecs(AvroSerdes serdes) {
        this.serdes = serdes;
        this.log = new AttemptLogCodec(serdes);
        this.jobs = new JobStateCodec(serdes);
        this.commands = new CommandCodec(serdes);
    }

    /** hub.webhook.log: WebhookAttempt, key = webhook id. */
    public AttemptLogCodec log() {
        return log;
    }

    /** hub.webhook.jobs: WebhookJob, key = job id. */
    public JobStateCodec jobs() {
        return jobs;
    }

    /** hub.webhook.commands: WebhookCommand, key = webhook id. */
    public CommandCodec commands() {
        return commands;
    }

    /** The value schema of each topic that carries Avro, by topic name. */
    public static Map<String, Schema> valueSchemas(HubWebhookTopics topics) {
        return Map.of(topics.log(), WebhookAttempt.getClassSchema(), topics.jobs(), WebhookJob.getClassSchema(),
                topics.commands(), WebhookCommand.getClassSchema());
    }

    /** Registers the value schemas before the first write needs them (a writer on an event loop never waits). */
    public void register(HubWebhookTopics topics) {
        valueSchemas(topics).forEach((topic, schema) -> serdes.registry().register(topic + "-value", schema));
    }
}
