package dev.burrow.stress.report;

import java.util.Arrays;

/** Order statistics over a sample, nearest-rank. */
public final class Stats {
    private Stats() {
    }

    /**
     * @param values the sample (not modified)
     * @param n how many of them count
     * @param q quantile in [0, 1]
     * @return the nearest-rank quantile, or 0 for an empty sample
     */
    public static double quantile(double[] values, int n, double q) {
        if (n == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    /** @return the largest of the first n values, or 0 */
    public static double max(double[] values, int n) {
        double m = n == 0 ? 0 : values[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }
}
