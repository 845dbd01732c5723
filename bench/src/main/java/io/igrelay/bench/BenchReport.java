package io.igrelay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Writes one run's table as Markdown under bench/results/ (one file per run, plus latest.md), with what the
 * figures depend on: the machine, the JVM, the Kafka version and the run's settings.
 */
public final class BenchReport {

    private static final DateTimeFormatter FILE_NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private BenchReport() {
    }

    public static String markdown(ResultTable table, BenchOptions options, Instant at, List<String> failures) {
        return markdown(table, options, at, failures, List.of());
    }

    /** As above, with one note per row that explains itself (what it measures, which registry, its target). */
    public static String markdown(ResultTable table, BenchOptions options, Instant at, List<String> failures,
                                  List<String> notes) {
        var sb = new StringBuilder();
        sb.append("# igrelay benchmark ").append(at).append("\n\n");
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("; JVM ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; load average ")
                .append(String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()))
                .append(" when the report was written (a busy machine lowers every absolute figure)\n");
        sb.append("- broker: Apache Kafka ").append(AppInfoParser.getVersion())
                .append(", one KRaft node on this host, topics with 1 partition, replication factor 1\n");
        sb.append("- producer rows: acks=all, linger.ms=5, batch.size=64 KiB, no compression; ")
                .append(options.warmUpFor().toMillis()).append(" ms warm-up, then ")
                .append(options.measureFor().toSeconds()).append(" s measured; latency = send() to ack at full speed, so it includes the wait in the producer's")
                .append(" 32 MiB buffer\n");
        sb.append("- consumer rows: ").append(String.format(Locale.ROOT, "%,d", options.consumerRecords()))
                .append(" records read from offset 0 by one assigned consumer\n\n");
        sb.append(table.markdown()).append('\n');
        if (!notes.isEmpty()) {
            sb.append("Notes:\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
            sb.append('\n');
        }
        sb.append("Absolute figures vary ±40% between runs on a shared machine; compare rows by their ratio to the")
                .append(" reference measured in the same run.\n");
        if (!failures.isEmpty()) {
            sb.append("\n## Failed scenarios\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        return sb.toString();
    }

    /** Writes {@code <timestamp>.md} and {@code latest.md}; returns the timestamped file. */
    public static Path write(Path resultsDir, String markdown, Instant at) throws IOException {
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(FILE_NAME.format(at) + ".md");
        writeAtomically(file, markdown);
        writeAtomically(resultsDir.resolve("latest.md"), markdown);
        return file;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
