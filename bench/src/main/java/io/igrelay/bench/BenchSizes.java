package io.igrelay.bench;

/** Record sizes as the table prints them: 1024 → "1 KiB", 512 → "512 B". */
final class BenchSizes {

    private BenchSizes() {
    }

    static String label(int bytes) {
        return bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " B";
    }
}
