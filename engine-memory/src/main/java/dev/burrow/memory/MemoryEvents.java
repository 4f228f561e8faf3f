package dev.burrow.memory;

import dev.burrow.memory.jfr.BudgetExceededEvent;
import dev.burrow.memory.jfr.FrameEndEvent;
import dev.burrow.memory.jfr.FrameOverflowEvent;
import dev.burrow.memory.jfr.FramePhaseEvent;
import dev.burrow.memory.jfr.GroupCloseEvent;
import dev.burrow.memory.jfr.LeakEvent;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Emits the JFR events. With no recording running every method is one volatile read: the flag is kept by a
 * {@link FlightRecorderListener}, so the event objects are not even built.
 */
final class MemoryEvents {
    private static volatile boolean recording;

    static {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                refresh();
            }

            @Override
            public void recordingStateChanged(Recording r) {
                refresh();
            }
        });
        refresh(); // a recording started before this class loaded (-XX:StartFlightRecording) fires no callback
    }

    private static void refresh() {
        boolean any = false;
        if (FlightRecorder.isInitialized()) {
            for (Recording each : FlightRecorder.getFlightRecorder().getRecordings()) {
                any |= each.getState() == RecordingState.RUNNING;
            }
        }
        recording = any;
    }

    static final MemoryEvents INSTANCE = new MemoryEvents();
    /** Event objects built so far: tests prove none is built while nobody records. */
    private static final java.util.concurrent.atomic.AtomicLong BUILT = new java.util.concurrent.atomic.AtomicLong();

    static long built() {
        return BUILT.get();
    }

    private MemoryEvents() {
    }

    void frameEnd(FrameArena f) {
        if (recording) {
            emitFrameEnd(f);
        }
    }

    private static void emitFrameEnd(FrameArena f) {
        BUILT.incrementAndGet();
        FrameEndEvent e = new FrameEndEvent();
        if (e.shouldCommit()) {
            e.frame = f.frameNumber();
            e.threadName = f.threadName();
            e.usedBytes = f.used();
            e.highWaterBytes = f.highWater();
            e.heapBytes = f.lastFrameHeapBytes();
            e.commit();
        }
    }

    /** One event per phase the frame used, at its end (only while a recording runs). */
    void phases(FrameArena f, FramePhases phases) {
        if (recording && phases.count() > 0) {
            emitPhases(f, phases);
        }
    }

    private static void emitPhases(FrameArena f, FramePhases phases) {
        for (int id = 0; id < phases.count(); id++) {
            if (!phases.usedThisFrame(id)) {
                continue;
            }
            BUILT.incrementAndGet();
            FramePhaseEvent e = new FramePhaseEvent();
            if (e.shouldCommit()) {
                e.threadName = f.threadName();
                e.frame = f.frameNumber();
                e.phase = phases.name(id);
                e.bytes = phases.stat(id, FramePhases.CUR_BYTES);
                e.allocations = phases.stat(id, FramePhases.CUR_ALLOCS);
                e.highWaterBytes = phases.stat(id, FramePhases.CUR_HIGH);
                e.commit();
            }
        }
    }

    void overflow(FrameArena f, long requested, long suggested) {
        if (recording) {
            BUILT.incrementAndGet();
            FrameOverflowEvent e = new FrameOverflowEvent();
            if (e.shouldCommit()) {
                e.threadName = f.threadName();
                e.frame = f.frameNumber();
                e.requestedBytes = requested;
                e.suggestedBytes = suggested;
                e.commit();
            }
        }
    }

    /** @return a started event to finish with {@link #groupClosed}, or null when nobody records */
    GroupCloseEvent groupClosing() {
        if (!recording) {
            return null;
        }
        BUILT.incrementAndGet();
        GroupCloseEvent e = new GroupCloseEvent();
        e.begin();
        return e;
    }

    void groupClosed(GroupCloseEvent e, String name, long bytes, long reserved, int chunks) {
        if (e != null) {
            e.end();
            if (e.shouldCommit()) {
                e.group = name;
                e.bytes = bytes;
                e.reservedBytes = reserved;
                e.chunks = chunks;
                e.commit();
            }
        }
    }

    void budget(String tag, boolean hard, String message) {
        if (recording) {
            BUILT.incrementAndGet();
            BudgetExceededEvent e = new BudgetExceededEvent();
            if (e.shouldCommit()) {
                e.tag = tag;
                e.hard = hard;
                e.message = message;
                e.commit();
            }
        }
    }

    void leak(String allocator, String site, long count, long bytes) {
        if (recording) {
            BUILT.incrementAndGet();
            LeakEvent e = new LeakEvent();
            if (e.shouldCommit()) {
                e.allocator = allocator;
                e.site = site;
                e.count = count;
                e.bytes = bytes;
                e.commit();
            }
        }
    }
}
