package dev.burrow.dungeon.overlay;

import java.util.Locale;

/**
 * Number labels built once, so the overlay can show figures that change every frame without making a String per
 * frame: integers 0..{@value #INTS}-1 as text, byte sizes as a number and a unit looked up separately
 * ("12.3" + " MiB"), milliseconds to a tenth. Values out of range clamp to the largest label.
 */
final class Labels {
    static final int INTS = 100_000;
    private static final String[] INT = new String[INTS];
    private static final String[] TENTHS = new String[10_000]; // "0.0" .. "999.9"
    static final String B = " B";
    static final String KIB = " KiB";
    static final String MIB = " MiB";
    static final String GIB = " GiB";
    static final String MS = " ms";

    static {
        for (int i = 0; i < INTS; i++) {
            INT[i] = Integer.toString(i);
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

    /** @return tenths text for v (e.g. 12.34 gives "12.3"), clamped to 0..999.9 */
    static String tenths(double v) {
        int t = (int) Math.round(v * 10);
        return TENTHS[Math.max(0, Math.min(TENTHS.length - 1, t))];
    }

    /** @return the number part of a byte size: whole bytes below 1 KiB, else tenths of the unit */
    static String sizeNumber(long bytes) {
        if (bytes < 1024) {
            return of(bytes);
        }
        return tenths(bytes / unit(bytes));
    }

    /** @return the unit of a byte size, with its leading space */
    static String sizeUnit(long bytes) {
        return bytes < 1024 ? B : bytes < (1L << 20) ? KIB : bytes < (1L << 30) ? MIB : GIB;
    }

    private static double unit(long bytes) {
        return bytes < (1L << 20) ? 1024.0 : bytes < (1L << 30) ? 1024.0 * 1024 : 1024.0 * 1024 * 1024;
    }
}
