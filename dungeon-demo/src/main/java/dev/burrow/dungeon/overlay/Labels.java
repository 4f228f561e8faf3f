package dev.burrow.dungeon.overlay;

import java.util.Locale;

/**
 * Number labels built once, so the overlay can show figures that change every frame without making a String per
 * frame: integers 0..{@value #INTS}-1 as text, three-digit groups "000".."999" (for larger numbers, written in
 * pieces by {@link Figures}), and tenths "0.0".."999.9". Values out of range clamp to the largest label.
 */
final class Labels {
    static final int INTS = 100_000;
    private static final String[] INT = new String[INTS];
    private static final String[] GROUP = new String[1000];
    private static final String[] TENTHS = new String[10_000]; // "0.0" .. "999.9"
    static final String B = " B";
    static final String KIB = " KiB";
    static final String MS = " ms";

    static {
        for (int i = 0; i < INTS; i++) {
            INT[i] = Integer.toString(i);
        }
        for (int i = 0; i < GROUP.length; i++) {
            GROUP[i] = String.format(Locale.ROOT, "%03d", i);
        }
        for (int i = 0; i < TENTHS.length; i++) {
            TENTHS[i] = String.format(Locale.ROOT, "%d.%d", i / 10, i % 10);
        }
    }

    private Labels() {
    }

    /** @return the decimal text of n, clamped to 0..99999 */
    static String of(long n) {
        return INT[(int) Math.max(0, Math.min(INTS - 1, n))];
    }

    /** @return n (0..999) as three digits with leading zeros */
    static String group(int n) {
        return GROUP[Math.max(0, Math.min(999, n))];
    }

    /** @return tenths text for v (e.g. 12.34 gives "12.3"), clamped to 0..999.9 */
    static String tenths(double v) {
        int t = (int) Math.round(v * 10);
        return TENTHS[Math.max(0, Math.min(TENTHS.length - 1, t))];
    }
}
