package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A level group closed; the event's duration is the time close() took. */
@Name("dev.burrow.GroupClose")
@Label("Level Group Close")
@Category("Burrow")
@Description("A LevelGroup freed everything at once")
@StackTrace(false)
public final class GroupCloseEvent extends Event {
    /** Group name (its tag). */
    @Description("Group name (its tag)") @Label("Group") public String group;
    /** Bytes allocated in the group. */
    @Description("Bytes allocated in the group") @Label("Bytes") @DataAmount public long bytes;
    /** Native bytes the group's chunks held. */
    @Description("Native bytes the group's chunks held") @Label("Reserved") @DataAmount public long reservedBytes;
    /** Chunks freed. */
    @Description("Chunks freed") @Label("Chunks") public int chunks;
}
