package dev.burrow.memory.test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what engine-memory logs (its diagnostics go to the System.Logger "dev.burrow.memory", which is
 * java.util.logging here) while a test provokes leaks on purpose, so the build output stays clean and the test can
 * assert on the lines instead.
 */
final class QuietEngineLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("dev.burrow.memory");
    private final List<String> lines = new ArrayList<>();
    private final boolean parents;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (lines) {
                lines.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    QuietEngineLog() {
        parents = LOG.getUseParentHandlers();
        LOG.setUseParentHandlers(false);
        LOG.addHandler(handler);
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void close() {
        LOG.removeHandler(handler);
        LOG.setUseParentHandlers(parents);
    }
}
