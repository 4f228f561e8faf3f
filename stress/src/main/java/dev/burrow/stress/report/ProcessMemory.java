package dev.burrow.stress.report;

/** Resident set size of this process: the reader the overlay uses ({@link dev.burrow.dungeon.overlay.ProcessMemory}). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** @return RSS in bytes, or -1 when the platform does not tell */
    public static long rssBytes() {
        return dev.burrow.dungeon.overlay.ProcessMemory.rssBytes();
    }
}
