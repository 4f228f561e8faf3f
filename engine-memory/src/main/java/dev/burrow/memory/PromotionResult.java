package dev.burrow.memory;

/** What became of a frame allocation promoted with {@link FrameArena#promote}, known after the frame's {@code end()}. */
public enum PromotionResult {
    /** Still waiting for {@code end()} (or not a ticket of the last frame). */
    PENDING,
    /** Copied into its target; {@link FrameArena#promotedAddress(long)} says where. */
    PROMOTED,
    /** The target's tag would have crossed its hard budget: not copied. */
    FAILED_BUDGET,
    /** Native memory ran out (or fault injection made it): not copied. */
    FAILED_MEMORY,
    /** The target was closed, or refused the allocation (another thread, misuse): not copied. */
    FAILED_REFUSED
}
