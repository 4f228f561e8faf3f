package dev.burrow.dungeon.arena;

/** Receives every frame of a windowed arena run (after {@code frame.end()}), for stress reports. Must not allocate. */
public interface ArenaRecorder {
    /**
     * @param frame frame number from 0
     * @param frameNanos time the frame took
     * @param stepNanos time the simulation steps of this frame took (0 when none ran)
     * @param steps steps run this frame
     * @param heapBytes Java heap the frame allocated
     * @param sim the arena
     */
    void frame(int frame, long frameNanos, long stepNanos, int steps, long heapBytes, ArenaSim sim);

    /** @return true once the recorder has seen enough frames: the run ends after the current one */
    default boolean done() {
        return false;
    }
}
