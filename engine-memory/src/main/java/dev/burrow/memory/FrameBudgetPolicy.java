package dev.burrow.memory;

/**
 * What a {@link FrameArena} does when a frame's allocations cross the budget set with
 * {@link FrameArena#budget(long, FrameBudgetPolicy)}.
 */
public enum FrameBudgetPolicy {
    /** Refuse the allocation ({@code EM008}: 0 when lenient, thrown when strict). */
    FAIL,
    /** Allow it and warn once per frame ({@code EM009}). */
    WARN,
    /** Allow it silently; the frame is counted as over budget. */
    ALLOW,
    /** Allow it, but from a spill block, so the arena's block stays within the budget; counted as over budget. */
    SPILL
}
