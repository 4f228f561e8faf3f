package dev.burrow.memory;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Records the Burrow JFR events to a file in-process and reads them back. */
class JfrEventsTest {

    @Test
    void eventsAreRecordedAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("burrow.jfr");
        try (Recording r = new Recording()) {
            for (String e : new String[] {"dev.burrow.FrameEnd", "dev.burrow.FrameOverflow", "dev.burrow.GroupClose", "dev.burrow.BudgetExceeded", "dev.burrow.Leak"}) {
                r.enable(e);
            }
            r.start();
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().frameArenaBytes(4096))) {
                FrameArena f = mem.frame();
                for (int i = 0; i < 3; i++) {
                    f.begin();
                    f.alloc(i == 1 ? 6000 : 96, 8); // frame 2 overflows
                    f.end();
                }
                mem.budget("jfr-level", 10, 1 << 20);
                LevelGroup g = mem.group("jfr-level");
                g.alloc(5000, 8);
                g.close();
                Pool p = mem.pool("jfr-pool", 16);
                p.alloc();
                p.close(); // one live slot: a leak event
            }
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> frames = byName(events, "dev.burrow.FrameEnd");
        assertEquals(3, frames.size(), names(events));
        assertEquals(3, frames.get(2).getLong("frame"));
        assertEquals(96, frames.get(0).getLong("usedBytes"));
        assertEquals(Thread.currentThread().getName(), frames.get(0).getString("threadName"));
        RecordedEvent overflow = byName(events, "dev.burrow.FrameOverflow").get(0);
        assertEquals(2, overflow.getLong("frame"));
        assertEquals(6000, overflow.getLong("requestedBytes"));
        assertEquals(8192, overflow.getLong("suggestedBytes"));
        RecordedEvent close = byName(events, "dev.burrow.GroupClose").get(0);
        assertEquals("jfr-level", close.getString("group"));
        assertEquals(5000, close.getLong("bytes"));
        assertFalse(close.getDuration().isNegative());
        RecordedEvent budget = byName(events, "dev.burrow.BudgetExceeded").get(0);
        assertFalse(budget.getBoolean("hard"));
        assertTrue(budget.getString("message").contains("soft budget"));
        assertEquals("jfr-level", budget.getString("tag"), "the tag's name, not the message");
        RecordedEvent leak = byName(events, "dev.burrow.Leak").get(0);
        assertEquals("jfr-pool", leak.getString("allocator"));
        assertEquals(1, leak.getLong("count"));
        assertEquals(16, leak.getLong("bytes"));
        assertTrue(leak.getString("site").startsWith("JfrEventsTest.eventsAreRecordedAndReadBack"), leak.getString("site"));
    }

    @Test
    void nothingIsEmittedWithoutARecording() {
        // With no recording running the hot path must not even build event objects: zero heap per frame.
        org.junit.jupiter.api.Assumptions.assumeTrue(FlightRecorder.getFlightRecorder().getRecordings().isEmpty(),
            "a recording is running in this JVM (e.g. -XX:StartFlightRecording)");
        long built = MemoryEvents.built();
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults())) {
            FrameArena f = mem.frame();
            for (int i = 0; i < 20_000; i++) {
                f.begin();
                f.alloc(i == 0 ? 1 << 20 : 64, 8); // the first overflows: that would emit a FrameOverflow event
                f.end();
            }
            LevelGroup g = mem.group("quiet");
            g.alloc(8, 8);
            g.close();
            assertEquals(0, f.lastFrameHeapBytes());
        }
        assertEquals(built, MemoryEvents.built(), "no event object was built without a recording");
    }

    private static List<RecordedEvent> byName(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private static String names(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEventType().getName()).distinct().collect(Collectors.joining(", "));
    }
}
