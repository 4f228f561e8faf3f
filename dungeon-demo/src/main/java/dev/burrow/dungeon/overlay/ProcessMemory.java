package dev.burrow.dungeon.overlay;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Resident set size of this process, from {@code /proc/self/statm} (Linux); -1 elsewhere. Reads through one open
 * file into a reused buffer: sampling RSS must not itself fill the heap it is watching.
 */
public final class ProcessMemory {
    private static final long PAGE = 4096;
    private static final byte[] BUFFER = new byte[128];
    private static RandomAccessFile statm;

    static {
        try {
            statm = new RandomAccessFile("/proc/self/statm", "r");
        } catch (IOException | SecurityException e) {
            statm = null;
        }
    }

    private ProcessMemory() {
    }

    /** @return RSS in bytes, or -1 when the platform does not tell */
    public static synchronized long rssBytes() {
        if (statm == null) {
            return -1;
        }
        try {
            statm.seek(0);
            int n = statm.read(BUFFER);
            // "size resident shared ...": the second number, in pages.
            int i = 0;
            while (i < n && BUFFER[i] != ' ') {
                i++;
            }
            long pages = 0;
            for (i++; i < n && BUFFER[i] >= '0' && BUFFER[i] <= '9'; i++) {
                pages = pages * 10 + (BUFFER[i] - '0');
            }
            return pages * PAGE;
        } catch (IOException e) {
            return -1;
        }
    }
}
