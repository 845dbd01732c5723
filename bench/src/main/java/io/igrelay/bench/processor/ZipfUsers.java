package io.igrelay.bench.processor;

import java.util.Random;

/**
 * Which of 100,000 Instagram users sends delivery {@code seq}: Zipf-distributed (exponent 1: user k sends in
 * proportion to 1/k), as direct-message traffic is heavy-tailed, so the processor's stores hold tens of thousands
 * of conversations as in production rather than a thousand hot ones its caches would flatter. Drawn once from a
 * seeded generator into a table of 2^20 entries, so every run and both pipelines see the same users in the same
 * order, and a draw costs nothing while the input is written.
 */
final class ZipfUsers {

    static final int USERS = 100_000;
    private static final int TABLE_BITS = 20;
    private static final int[] TABLE = table(new Random(21), USERS, 1.0);

    private ZipfUsers() {
    }

    /** The user (0 = the busiest) of delivery {@code seq}. */
    static int user(long seq) {
        return TABLE[(int) (seq & ((1 << TABLE_BITS) - 1))];
    }

    static int[] table(Random random, int users, double exponent) {
        double[] cumulative = new double[users];
        double sum = 0;
        for (int k = 0; k < users; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        int[] table = new int[1 << TABLE_BITS];
        for (int i = 0; i < table.length; i++) {
            double x = random.nextDouble() * sum;
            int low = 0;
            int high = users - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] < x) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            table[i] = low;
        }
        return table;
    }
}
