package dev.burrow.dungeon.overlay;

import imgui.ImGui;

/**
 * Writes figures into the current ImGui line from the cached {@link Labels}, with no String made per frame: any
 * count with thousands separators ("1,234,567", composed from cached three-digit groups), sizes always in KiB
 * ("12.3 KiB" below 1,000 KiB, whole KiB with separators above), milliseconds to a tenth. Each call continues
 * the current line.
 */
final class Figures {
    private Figures() {
    }

    /** A fixed label, then the next item on the same line with no gap. */
    static void label(String s) {
        ImGui.textUnformatted(s);
        ImGui.sameLine(0, 0);
    }

    /** Continues the line with no gap: between a figure and the label after it. */
    static void then() {
        ImGui.sameLine(0, 0);
    }

    /** A count, e.g. "1,234,567" (negative values show as 0: counts here never are). */
    static void count(long n) {
        if (n < 1000) {
            ImGui.textUnformatted(Labels.of(n));
            return;
        }
        groups(n);
    }

    /** A signed whole number ("-3", "12"): a priority, where counts elsewhere are never negative. */
    static void signed(long n) {
        if (n < 0) {
            ImGui.textUnformatted("-");
            ImGui.sameLine(0, 0);
            count(n == Long.MIN_VALUE ? Long.MAX_VALUE : -n);
        } else {
            count(n);
        }
    }

    private static void groups(long n) {
        if (n >= 1000) {
            groups(n / 1000);
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(",");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.group((int) (n % 1000)));
        } else {
            ImGui.textUnformatted(Labels.of(n));
        }
    }

    /** A size in KiB: tenths below 1,000 KiB ("0.7 KiB", "125.0 KiB"), whole KiB above ("4,096 KiB"). */
    static void kib(long bytes) {
        long b = Math.max(0, bytes);
        if (b < 1000L * 1024) {
            ImGui.textUnformatted(Labels.tenths(b / 1024.0));
        } else {
            count(Math.round(b / 1024.0));
        }
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.KIB);
    }

    /** "12.3 KiB of 4,096 KiB": what is used of what is held. */
    static void kibOf(long used, long held) {
        kib(used);
        ImGui.sameLine(0, 0);
        label(" of ");
        kib(held);
    }

    /** A byte count with its unit, for per-frame allocation ("0 B"). */
    static void bytes(long n) {
        count(Math.max(0, n));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.B);
    }

    /** Milliseconds to a tenth ("12.3 ms"). */
    static void ms(double v) {
        ImGui.textUnformatted(Labels.tenths(v));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.MS);
    }

    /** A percentage, whole ("87%"). */
    static void percent(double fraction) {
        ImGui.textUnformatted(Labels.of(Math.round(Math.max(0, fraction) * 100)));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted("%");
    }
}
