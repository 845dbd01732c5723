package io.igrelay.processor;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Webhook;
import io.igrelay.processor.channels.ChannelDirectoryUpdater;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.deletion.DeletionTally;
import io.igrelay.processor.failure.HoldingGlobalProcessor;
import io.igrelay.processor.failure.HoldingGlobalProcessor.GlobalStoreGuard;
import io.igrelay.processor.state.GlobalPutProcessor;
import io.igrelay.processor.state.JsonSerde;
import io.igrelay.processor.status.StatusStores;
import io.igrelay.processor.status.StatusView;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every state store of the processor, by constant name (their changelogs are {@code <app id>-<name>-changelog}),
 * and where each lives: conversation stores on the IGSID partitions, the channel and Application directories as
 * global stores on every instance, the folds on their own topics' partitions, the query table by message id.
 */
public final class ProcessorStores {

    public static final String CHANNEL_DIRECTORY = "channel-directory";
    public static final String APPLICATIONS = "applications";
    public static final String CHANNELS = "channels-store";
    public static final String WEBHOOKS = "webhooks-store";
    public static final String DEDUP = "dedup";
    public static final String DEDUP_EXPIRY = "dedup-expiry";
    public static final String WINDOWS = "windows";
    public static final String WINDOW_DEADLINES = "window-deadlines";
    public static final String CONVERSATION_STATUS = "conversation-status";
    public static final String STATUS_EXPIRY = "status-expiry";
    public static final String SENT_MIDS = "sent-mids";
    public static final String SENT_MID_EXPIRY = "sent-mid-expiry";
    public static final String HELD_ECHOES = "held-echoes";
    public static final String HELD_ECHO_EXPIRY = "held-echo-expiry";
    public static final String STATUS_BY_ID = "status-by-id";
    public static final String DELETION_TALLIES = "deletion-tallies";
    public static final String COMMENTS = "comments";
    public static final String COMMENT_EXPIRY = "comment-expiry";

    private ProcessorStores() {
    }

    static StatusStores statusStores() {
        return new StatusStores(CONVERSATION_STATUS, STATUS_EXPIRY, SENT_MIDS, SENT_MID_EXPIRY, HELD_ECHOES,
                HELD_ECHO_EXPIRY);
    }

    /**
     * @param windowValues the windows store's value serde (the topology passes one whose encodings the
     *                     {@code ig.windows} sink can reuse)
     */
    static void register(StreamsBuilder builder, TopicLayout topics, AvroSerdes serdes, TopologySettings settings,
                         Serde<ConversationWindow> windowValues, GlobalStoreGuard guard) {
        Serde<String> strings = Serdes.String();
        Serde<Channel> channels = serdes.forType(Channel.class);
        Serde<Application> applications = serdes.forType(Application.class);
        // the global topics are read as bytes and decoded by the store's processor, which holds a record while the
        // registry is away instead of letting the (irreplaceable) global thread die or skip it
        builder.addGlobalStore(kv(CHANNEL_DIRECTORY, channels).withLoggingDisabled().withCachingDisabled(),
                topics.name(Topics.CHANNELS),
                Consumed.with(strings, Serdes.ByteArray()).withName("channel-directory-source"),
                () -> new HoldingGlobalProcessor<>(new ChannelDirectoryUpdater(CHANNEL_DIRECTORY),
                        channels.deserializer(), guard));
        builder.addGlobalStore(kv(APPLICATIONS, applications).withLoggingDisabled().withCachingDisabled(),
                topics.name(Topics.APPLICATIONS),
                Consumed.with(strings, Serdes.ByteArray()).withName("applications-source"),
                () -> new HoldingGlobalProcessor<>(new GlobalPutProcessor<Application>(APPLICATIONS),
                        applications.deserializer(), guard));
        builder.addStateStore(kv(CHANNELS, channels));
        builder.addStateStore(kv(WEBHOOKS, serdes.forType(Webhook.class)));
        builder.addStateStore(index(DEDUP, strings));
        builder.addStateStore(index(DEDUP_EXPIRY, strings));
        builder.addStateStore(kv(WINDOWS, windowValues));
        builder.addStateStore(index(WINDOW_DEADLINES, strings));
        builder.addStateStore(kv(CONVERSATION_STATUS, JsonSerde.of(StatusView.class)));
        builder.addStateStore(index(STATUS_EXPIRY, strings));
        builder.addStateStore(kv(SENT_MIDS, strings));
        builder.addStateStore(index(SENT_MID_EXPIRY, strings));
        builder.addStateStore(kv(HELD_ECHOES, serdes.forType(InstagramEvent.class)));
        builder.addStateStore(index(HELD_ECHO_EXPIRY, strings));
        builder.addStateStore(kv(STATUS_BY_ID, JsonSerde.of(StatusView.class)));
        builder.addStateStore(kv(DELETION_TALLIES, JsonSerde.of(DeletionTally.class)));
        builder.addStateStore(kv(COMMENTS, JsonSerde.of(CommentFacts.class)));
        builder.addStateStore(index(COMMENT_EXPIRY, strings));
    }

    /**
     * A store whose keys are each written once and later removed (event ids seen, deadline entries): RocksDB and
     * changelogged like the others, without the record cache, which for such keys only adds a sorted in-memory copy
     * of every write (its byte-array comparisons were ~8 % of the stream threads' time) and saves no write.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> index(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingDisabled();
    }

    /** A task's store (global stores opt out of logging and caching): RocksDB, changelogged, with the record cache. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> kv(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
