package io.igrelay.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a soak leaves in bench/results/ beside the report: its curves as {@code soak-<time>.png} and every sample
 * as {@code soak-<time>.csv} (minute, service, post-GC heap and RSS in MiB; then p50 and p99 per minute), so the
 * figures can be redrawn or checked. A chart that cannot be drawn (no fonts on a bare machine, say) is reported,
 * not fatal: the samples are still written.
 */
record SoakFiles(Optional<Path> chart, String chartError, Path samples) {

    static SoakFiles write(Path dir, String stamp, List<MemorySample> memory, List<LatencyWindow> perMinute,
                           String title) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("soak-" + stamp + ".csv");
        StringBuilder text = new StringBuilder("minute,service,heap_after_gc_mib,rss_mib\n");
        memory.forEach(s -> text.append(String.format(Locale.ROOT, "%.2f,%s,%.1f,%.1f%n", s.minute(), s.service(),
                s.heapMib(), s.rssMib())));
        text.append("\nfrom_minute,to_minute,events,missing,p50_ms,p99_ms\n");
        perMinute.forEach(w -> text.append(String.format(Locale.ROOT, "%.2f,%.2f,%d,%d,%.1f,%.1f%n", w.fromMinute(),
                w.toMinute(), w.events(), w.missing(), w.p50Ms(), w.p99Ms())));
        Files.writeString(csv, text);
        Path png = dir.resolve("soak-" + stamp + ".png");
        try {
            SoakChart.write(png, title, memory, perMinute);
            return new SoakFiles(Optional.of(png), "", csv);
        } catch (IOException | RuntimeException | LinkageError | InternalError e) {
            return new SoakFiles(Optional.empty(), e.toString(), csv);
        }
    }
}
