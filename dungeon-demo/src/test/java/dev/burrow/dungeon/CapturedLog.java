package dev.burrow.dungeon;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what engine-memory logs ({@code System.Logger} "dev.burrow.memory", backed by java.util.logging) while a
 * test provokes diagnostics on purpose, so the test can assert on the lines and a green build prints none of them.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.burrow.memory");
    private final boolean parents;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (lines) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing; the console handler sees nothing until {@link #close()}. */
    public CapturedLog() {
        parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** @return the captured lines so far, each "LEVEL message" */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parents);
    }
}
