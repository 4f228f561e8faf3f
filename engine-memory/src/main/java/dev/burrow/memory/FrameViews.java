package dev.burrow.memory;

import java.util.Arrays;

/**
 * The collection views of one frame arena: the ones issued this frame (in order, so a rollback can detach those made
 * after its mark) and, per kind, a FIFO of free views to reuse, so making a collection allocates no Java heap once the
 * arena has made as many of a kind as two frames need. A view goes back to its queue when its memory goes (in frame
 * F: at its end, or a rollback) and is handed out again from frame F + 2 on, oldest first: a view kept past its frame
 * (in a field, say) is still detached in the next frame, so that use is refused ({@code EM011}) instead of landing in
 * the view the next frame made, which without the wait is the same object when a frame makes one of its kind.
 */
final class FrameViews {
    private FrameCollection[] issued = new FrameCollection[16];
    private int issuedCount;
    private final Free<FrameIntList> ints;
    private final Free<FrameLongList> longs;
    private final Free<FrameFloatList> floats;
    private final Free<FrameIntIntMap> maps;

    FrameViews(FrameArena arena) {
        ints = new Free<>(() -> new FrameIntList(arena));
        longs = new Free<>(() -> new FrameLongList(arena));
        floats = new Free<>(() -> new FrameFloatList(arena));
        maps = new Free<>(() -> new FrameIntIntMap(arena));
    }

    /** @param frame the arena's frame number now (so for all four) */
    FrameIntList intList(long frame) {
        return issue(ints.take(frame));
    }

    FrameLongList longList(long frame) {
        return issue(longs.take(frame));
    }

    FrameFloatList floatList(long frame) {
        return issue(floats.take(frame));
    }

    FrameIntIntMap intIntMap(long frame) {
        return issue(maps.take(frame));
    }

    private <T extends FrameCollection> T issue(T view) {
        if (issuedCount == issued.length) {
            issued = Arrays.copyOf(issued, issuedCount * 2);
        }
        issued[issuedCount++] = view;
        return view;
    }

    /** @return views issued so far this frame (a mark keeps it) */
    int issuedCount() {
        return issuedCount;
    }

    /**
     * Detaches the views issued after the first {@code keep} and returns them to their free queues.
     *
     * @param frame the arena's frame number now
     */
    void detachFrom(int keep, long frame) {
        for (int i = issuedCount - 1; i >= keep; i--) {
            FrameCollection v = issued[i];
            issued[i] = null;
            v.detach();
            giveBack(v, frame);
        }
        issuedCount = Math.min(issuedCount, keep);
    }

    private void giveBack(FrameCollection v, long frame) {
        if (v instanceof FrameIntList) {
            ints.give((FrameIntList) v, frame);
        } else if (v instanceof FrameLongList) {
            longs.give((FrameLongList) v, frame);
        } else if (v instanceof FrameFloatList) {
            floats.give((FrameFloatList) v, frame);
        } else {
            maps.give((FrameIntIntMap) v, frame);
        }
    }

    /** A FIFO of free views of one kind, each with the frame it came back in; makes a new one when none may go out. */
    private static final class Free<T> {
        private final java.util.function.Supplier<T> make;
        private Object[] ring = new Object[8];
        /** The frame each view in {@link #ring} came back in (same positions). */
        private long[] cameBack = new long[8];
        private int head;
        private int size;

        Free(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        /** @return the oldest free view if it came back before the last frame, else a new one */
        @SuppressWarnings("unchecked")
        T take(long frame) {
            if (size == 0 || cameBack[head] >= frame - 1) {
                return make.get();
            }
            T v = (T) ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return v;
        }

        void give(T v, long frame) {
            if (size == ring.length) {
                Object[] bigger = new Object[ring.length * 2];
                long[] biggerFrames = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                    biggerFrames[i] = cameBack[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                cameBack = biggerFrames;
                head = 0;
            }
            int at = (head + size) & (ring.length - 1);
            ring[at] = v;
            cameBack[at] = frame;
            size++;
        }
    }
}
