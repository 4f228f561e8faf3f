package dev.burrow.memory;

/**
 * A native allocation failed: the system (or jemalloc) returned NULL, or fault injection
 * ({@code BURROW_FAIL_AFTER}) made it fail. Everything allocated before it is still valid and releasable.
 */
public final class OutOfNativeMemoryException extends MemoryDiagnosticException {
    private static final long serialVersionUID = 1L;
    /** The bytes asked for. */
    private final long requested;
    /** The tag of the allocator that asked. */
    private final String tag;

    /**
     * @param tag what the memory was for
     * @param requested bytes asked for
     * @param message the full message
     */
    public OutOfNativeMemoryException(String tag, long requested, String message) {
        super(DiagnosticCode.EM701, message);
        this.tag = tag;
        this.requested = requested;
    }

    /** @return the bytes asked for */
    public long requested() { return requested; }

    /** @return the tag of the allocator that asked */
    public String tag() { return tag; }
}
