package dev.burrow.memory;

/**
 * Thresholds of the behaviour report ({@link EngineMemory#watchBehaviour}): when an allocator is used against its
 * intent. Immutable; every {@code withX}-style method returns a copy. The defaults suit a 60 Hz game.
 */
public final class BehaviourConfig {
    private static final BehaviourConfig DEFAULTS = new BehaviourConfig(120, 1.0, 16, 10, 0.9, 0.5, 1800);

    private final int windowFrames;
    private final double slotLifetimeFrames;
    private final long minAllocsPerFrame;
    private final int groupLifetimeFrames;
    private final double highWaterRatio;
    private final double highWaterFrameShare;
    private final int budgetHorizonFrames;

    private BehaviourConfig(int windowFrames, double slotLifetimeFrames, long minAllocsPerFrame, int groupLifetimeFrames,
                            double highWaterRatio, double highWaterFrameShare, int budgetHorizonFrames) {
        this.windowFrames = windowFrames;
        this.slotLifetimeFrames = slotLifetimeFrames;
        this.minAllocsPerFrame = minAllocsPerFrame;
        this.groupLifetimeFrames = groupLifetimeFrames;
        this.highWaterRatio = highWaterRatio;
        this.highWaterFrameShare = highWaterFrameShare;
        this.budgetHorizonFrames = budgetHorizonFrames;
    }

    /**
     * @return a 120-frame window; pool slots living under 1 frame on average (at 16+ allocations a frame); groups
     *         living under 10 frames; frame high water over 90% of the block in half the frames; a budgeted tag that
     *         would reach its hard budget within 1800 frames at its current trend
     */
    public static BehaviourConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @param frames frames per judgement (at least 2)
     * @return a copy
     */
    public BehaviourConfig windowFrames(int frames) {
        if (frames < 2) {
            throw new IllegalArgumentException("windowFrames must be at least 2: " + frames);
        }
        return new BehaviourConfig(frames, slotLifetimeFrames, minAllocsPerFrame, groupLifetimeFrames, highWaterRatio,
            highWaterFrameShare, budgetHorizonFrames);
    }

    /**
     * @param frames a pool whose slots live fewer frames than this on average is reported
     * @return a copy
     */
    public BehaviourConfig slotLifetimeFrames(double frames) {
        return new BehaviourConfig(windowFrames, frames, minAllocsPerFrame, groupLifetimeFrames, highWaterRatio,
            highWaterFrameShare, budgetHorizonFrames);
    }

    /**
     * @param allocs a pool is judged only above this many allocations per frame
     * @return a copy
     */
    public BehaviourConfig minAllocsPerFrame(long allocs) {
        return new BehaviourConfig(windowFrames, slotLifetimeFrames, allocs, groupLifetimeFrames, highWaterRatio,
            highWaterFrameShare, budgetHorizonFrames);
    }

    /**
     * @param frames groups that live fewer frames than this on average are reported
     * @return a copy
     */
    public BehaviourConfig groupLifetimeFrames(int frames) {
        return new BehaviourConfig(windowFrames, slotLifetimeFrames, minAllocsPerFrame, frames, highWaterRatio,
            highWaterFrameShare, budgetHorizonFrames);
    }

    /**
     * @param ratio frame high water over this share of the block counts as "near"
     * @param frameShare reported when that many of the window's frames were near
     * @return a copy
     */
    public BehaviourConfig highWater(double ratio, double frameShare) {
        return new BehaviourConfig(windowFrames, slotLifetimeFrames, minAllocsPerFrame, groupLifetimeFrames, ratio,
            frameShare, budgetHorizonFrames);
    }

    /**
     * @param frames a budgeted tag whose trend reaches its hard budget within this many frames is reported
     * @return a copy
     */
    public BehaviourConfig budgetHorizonFrames(int frames) {
        return new BehaviourConfig(windowFrames, slotLifetimeFrames, minAllocsPerFrame, groupLifetimeFrames, highWaterRatio,
            highWaterFrameShare, frames);
    }

    /** @return frames per judgement */
    public int windowFrames() { return windowFrames; }

    /** @return the slot lifetime, in frames, below which a pool is reported */
    public double slotLifetimeFrames() { return slotLifetimeFrames; }

    /** @return allocations per frame below which a pool is not judged */
    public long minAllocsPerFrame() { return minAllocsPerFrame; }

    /** @return the group lifetime, in frames, below which group churn is reported */
    public int groupLifetimeFrames() { return groupLifetimeFrames; }

    /** @return the share of the frame block that counts as near full */
    public double highWaterRatio() { return highWaterRatio; }

    /** @return the share of frames near full that is reported */
    public double highWaterFrameShare() { return highWaterFrameShare; }

    /** @return the horizon, in frames, of the budget trend */
    public int budgetHorizonFrames() { return budgetHorizonFrames; }
}
