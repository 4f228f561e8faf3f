package dev.burrow.memory;

/** An allocation would cross a tag's hard budget. Thrown in every mode; nothing was allocated. */
public final class MemoryBudgetExceededException extends MemoryDiagnosticException {
    private static final long serialVersionUID = 1L;
    /** The tag whose hard budget would be crossed. */
    private final String tag;
    /** That hard budget in bytes. */
    private final long limit;
    /** The bytes asked for. */
    private final long requested;

    /**
     * @param tag the tag whose hard budget would be crossed
     * @param limit that hard budget in bytes
     * @param requested the bytes asked for
     * @param message the full message
     */
    public MemoryBudgetExceededException(String tag, long limit, long requested, String message) {
        super(DiagnosticCode.EM502, message);
        this.tag = tag;
        this.limit = limit;
        this.requested = requested;
    }

    /** @return the tag */
    public String tag() { return tag; }

    /** @return the hard limit in bytes */
    public long limit() { return limit; }

    /** @return the bytes requested */
    public long requested() { return requested; }
}
