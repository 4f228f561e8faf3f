package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A frame outgrew its arena block and spilled. */
@Name("dev.burrow.FrameOverflow")
@Label("Frame Overflow")
@Category("Burrow")
@Description("A frame outgrew its FrameArena block and spilled into overflow blocks")
public final class FrameOverflowEvent extends Event {
    /** Owner thread name. */
    @Description("Owner thread name") @Label("Thread Name") public String threadName;
    /** Frame number. */
    @Description("Frame number") @Label("Frame") public long frame;
    /** The request that did not fit. */
    @Description("The request that did not fit") @Label("Requested") @DataAmount public long requestedBytes;
    /** The block size the next frame gets. */
    @Description("The block size the next frame gets") @Label("Suggested Size") @DataAmount public long suggestedBytes;
}
