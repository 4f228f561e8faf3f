package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Live allocations found when an allocator closed: one event per allocation site. */
@Name("dev.burrow.Leak")
@Label("Leak")
@Category("Burrow")
@Description("Allocations still live when their pool, group or engine closed, grouped by site")
@StackTrace(false)
public final class LeakEvent extends Event {
    /** The allocator (pool or group name). */
    @Description("The allocator (pool or group name)") @Label("Allocator") public String allocator;
    /** Allocation site, or "?" when the debug level did not record it. */
    @Description("Allocation site, or ? when the debug level did not record it") @Label("Site") public String site;
    /** Live allocations from that site. */
    @Description("Live allocations from that site") @Label("Count") public long count;
    /** Their bytes. */
    @Description("Their bytes") @Label("Bytes") @DataAmount public long bytes;
}
