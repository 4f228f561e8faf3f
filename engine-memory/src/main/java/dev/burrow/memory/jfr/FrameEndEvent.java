package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A frame arena ended a frame. */
@Name("dev.burrow.FrameEnd")
@Label("Frame End")
@Category("Burrow")
@Description("A FrameArena frame ended: bytes used, high water, and Java heap the thread allocated in it")
@StackTrace(false)
public final class FrameEndEvent extends Event {
    /** Frame number on this arena. */
    @Description("Frame number on this arena") @Label("Frame") public long frame;
    /** Owner thread name. */
    @Description("Owner thread name") @Label("Thread Name") public String threadName;
    /** Bytes used this frame. */
    @Description("Bytes used this frame") @Label("Used") @DataAmount public long usedBytes;
    /** High water of the arena so far. */
    @Description("High water of the arena so far") @Label("High Water") @DataAmount public long highWaterBytes;
    /** Java heap bytes the thread allocated during the frame. */
    @Description("Java heap bytes the thread allocated during the frame") @Label("Java Heap Allocated") @DataAmount public long heapBytes;
}
