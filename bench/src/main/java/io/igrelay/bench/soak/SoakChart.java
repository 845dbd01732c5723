package io.igrelay.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The soak's curves as one PNG (JFreeChart, headless): each service's post-GC heap, each service's RSS, and the
 * webhook → first-attempt p50 and p99 per minute, on one time axis in minutes since the measured load began.
 */
public final class SoakChart {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    private SoakChart() {
    }

    /** Draws the chart to {@code file} (1,000 × 900 pixels). */
    public static void write(Path file, String title, List<MemorySample> samples, List<LatencyWindow> perMinute)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        var plot = new CombinedDomainXYPlot(new NumberAxis("minutes since the measured load began"));
        plot.setGap(12);
        plot.add(plot("post-GC heap (MiB)", memory(samples, true)), 3);
        plot.add(plot("RSS (MiB)", memory(samples, false)), 3);
        plot.add(plot("webhook → 1st attempt (ms)", latency(perMinute)), 2);
        var chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 900);
    }

    private static XYPlot plot(String label, XYSeriesCollection data) {
        var renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        var axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        var plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static XYSeriesCollection memory(List<MemorySample> samples, boolean heap) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (MemorySample s : samples) {
            long value = heap ? s.heapAfterGcBytes() : s.rssBytes();
            if (value >= 0) {
                series.computeIfAbsent(s.service(), name -> new XYSeries(name + (heap ? " heap" : " RSS")))
                        .add(s.minute(), value / MemorySample.MIB);
            }
        }
        var data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return data;
    }

    private static XYSeriesCollection latency(List<LatencyWindow> perMinute) {
        var p50 = new XYSeries("p50");
        var p99 = new XYSeries("p99");
        for (LatencyWindow w : perMinute) {
            double at = (w.fromMinute() + w.toMinute()) / 2;
            if (Double.isFinite(w.p50Ms())) {
                p50.add(at, w.p50Ms());
            }
            if (Double.isFinite(w.p99Ms())) {
                p99.add(at, w.p99Ms());
            }
        }
        var data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p99);
        return data;
    }
}
