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
 * Writes one run's table as Markdown under bench/results/ (one file per run, named by its UTC time; a quick run's
 * name ends in -quick and git ignores it), with what the figures depend on: the commit, the machine, the JVM, the
 * Kafka version and the run's settings.
 */
public final class BenchReport {

    private static final DateTimeFormatter FILE_NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private BenchReport() {
    }

    /** The run's facts, the table, one note per row that explains itself, and the failures. */
    public static String markdown(ResultTable table, BenchOptions options, Instant started, Instant at,
                                  String commit, List<String> failures, List<String> notes) {
        var sb = new StringBuilder();
        sb.append("# igrelay benchmark ").append(at).append("\n\n");
        sb.append("- command: `./igrelay bench").append(options.quick() ? " --quick" : "")
                .append(options.measureFor().toSeconds() != 10 && !options.quick()
                        ? " --seconds=" + options.measureFor().toSeconds() : "")
                .append(options.runs() != 3 && !options.quick() ? " --runs=" + options.runs() : "")
                .append(options.soak().map(d -> " --soak=" + d.toMinutes() + "m").orElse(""))
                .append("`, ").append(started).append(" to ").append(at).append(", commit ").append(commit)
                .append('\n');
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("; JVM ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; load average ")
                .append(String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()))
                .append(" when the report was written\n");
        sb.append("- broker: Apache Kafka ").append(AppInfoParser.getVersion())
                .append(", one KRaft node on this host (its own JVM), replication factor 1\n");
        sb.append("- each row measures ").append(options.measureFor().toSeconds())
                .append(" s (or the count stated in its note); rows that alternate with their reference make ")
                .append(options.runs()).append(" pairs and quote the median ratio with its range\n");
        if (options.quick()) {
            sb.append("- **quick run**: every row in its short form; the figures prove nothing\n");
        }
        sb.append('\n').append(table.markdown()).append('\n');
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

    /** The file a run writes: {@code <UTC time>.md}, or {@code <UTC time>-quick.md} for a quick run. */
    public static Path fileFor(Path resultsDir, Instant at, boolean quick) {
        return resultsDir.resolve(FILE_NAME.format(at) + (quick ? "-quick" : "") + ".md");
    }

    /** Writes the report to {@link #fileFor} (through a temp file, so a half-written report never shows). */
    public static Path write(Path resultsDir, String markdown, Instant at, boolean quick) throws IOException {
        Files.createDirectories(resultsDir);
        Path file = fileFor(resultsDir, at, quick);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, markdown);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
