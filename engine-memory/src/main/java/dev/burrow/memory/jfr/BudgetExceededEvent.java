package dev.burrow.memory.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A tag crossed a budget. */
@Name("dev.burrow.BudgetExceeded")
@Label("Budget Exceeded")
@Category("Burrow")
@Description("A tag crossed its soft budget, or an allocation was refused by its hard budget")
public final class BudgetExceededEvent extends Event {
    /** The tag. */
    @Description("The tag") @Label("Tag") public String tag;
    /** Whether the hard budget refused an allocation (else the soft one was crossed). */
    @Description("Whether the hard budget refused an allocation (else the soft one was crossed)") @Label("Hard") public boolean hard;
    /** The diagnostic message. */
    @Description("The diagnostic message") @Label("Message") public String message;
}
