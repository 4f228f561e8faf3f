package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** What one phase of a frame allocated. */
@Name("dev.burrow.FramePhase")
@Label("Frame Phase")
@Category("Burrow")
@Description("A phase of a FrameArena frame (beginPhase/endPhase): bytes, allocations and high water in that frame")
@StackTrace(false)
public final class FramePhaseEvent extends Event {
    /** Owner thread name. */
    @Label("Thread Name") public String threadName;
    /** Frame number on this arena. */
    @Label("Frame") public long frame;
    /** The phase's name. */
    @Label("Phase") public String phase;
    /** Bytes the phase allocated (net of rollbacks), summed over its entries in the frame. */
    @Label("Bytes") @DataAmount public long bytes;
    /** Allocations the phase made. */
    @Label("Allocations") public long allocations;
    /** The most bytes the frame held while the phase was open. */
    @Label("High Water") @DataAmount public long highWaterBytes;
}
