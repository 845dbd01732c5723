package io.igrelay.processor.ops;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What this instance's Kafka Streams metrics say about progress: how many records its stream threads have processed
 * (process-total) and how far its main consumers are behind the end of their partitions (records-lag, which skips
 * transaction markers, unlike committed-offset lag). Restore and global consumers are not work the pipeline waits
 * for, so they do not count. A lag of -1 means no consumer reported one yet.
 */
record StreamsProgress(long processed, long lag) {

    static StreamsProgress of(Map<MetricName, ? extends Metric> metrics) {
        long processed = 0;
        long lag = -1;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals("stream-thread-metrics") && name.name().equals("process-total")) {
                processed += (long) number(entry.getValue());
            } else if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-lag")
                    && name.tags().containsKey("partition") && isMainConsumer(name.tags().get("client-id"))) {
                double partitionLag = number(entry.getValue());
                if (!Double.isNaN(partitionLag)) {
                    lag = Math.max(lag, 0) + (long) Math.max(0, partitionLag);
                }
            }
        }
        return new StreamsProgress(processed, lag);
    }

    private static boolean isMainConsumer(String clientId) {
        return clientId != null && clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer")
                && !clientId.endsWith("-global-consumer");
    }

    private static double number(Metric metric) {
        return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
