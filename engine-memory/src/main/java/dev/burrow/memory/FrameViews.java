package dev.burrow.memory;

import java.util.Arrays;

/**
 * The collection views of one frame arena: the ones issued this frame (in order, so a rollback can detach those made
 * after its mark) and, per kind, a FIFO of free views to reuse, so making a collection allocates no Java heap once the
 * arena has made as many of a kind as two frames need. A view the end of frame F detached is handed out again from
 * frame F + 2 on, oldest first: a view kept past its frame (in a field, say) is still detached in the next frame, so
 * that use is refused ({@code EM011}) instead of landing in the view the next frame made, which without the wait is
 * the same object when a frame makes one of its kind. A view a rollback detached is free again at once (a game may
 * roll back many times a frame, and each would need views of its own).
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
     * @param frameEnded true at the frame's end (the views wait a frame before reuse), false for a rollback
     */
    void detachFrom(int keep, long frame, boolean frameEnded) {
        for (int i = issuedCount - 1; i >= keep; i--) {
            FrameCollection v = issued[i];
            issued[i] = null;
            v.detach();
            giveBack(v, frame, frameEnded);
        }
        issuedCount = Math.min(issuedCount, keep);
    }

    private void giveBack(FrameCollection v, long frame, boolean frameEnded) {
        if (v instanceof FrameIntList) {
            ints.give((FrameIntList) v, frame, frameEnded);
        } else if (v instanceof FrameLongList) {
            longs.give((FrameLongList) v, frame, frameEnded);
        } else if (v instanceof FrameFloatList) {
            floats.give((FrameFloatList) v, frame, frameEnded);
        } else {
            maps.give((FrameIntIntMap) v, frame, frameEnded);
        }
    }

    /**
     * The free views of one kind: those a rollback detached, free at once, and those a frame's end detached, which
     * wait in a FIFO until the frame after next. New ones are made when neither has one to give.
     */
    private static final class Free<T> {
        /** Views the first miss makes. */
        private static final int FIRST_BATCH = 8;
        private final java.util.function.Supplier<T> make;
        private final ViewQueue ready = new ViewQueue();
        private final ViewQueue waiting = new ViewQueue();
        /** Views of this kind made so far. */
        private int made;

        Free(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        /**
         * @return a free view: one a rollback detached, or one a frame's end detached before the last frame, oldest
         *         first; else a new one. New views come in batches (the first of {@value #FIRST_BATCH}, then as many
         *         as there are), the rest free at once, so the few misses come early (in a game's warm-up)
         */
        @SuppressWarnings("unchecked")
        T take(long frame) {
            while (waiting.size > 0 && waiting.headFrame() < frame - 1) {
                ready.add(waiting.poll(), 0);
            }
            if (ready.size > 0) {
                return (T) ready.poll();
            }
            int batch = made == 0 ? FIRST_BATCH : made;
            for (int i = 1; i < batch; i++) {
                ready.add(make.get(), 0);
            }
            made += batch;
            return make.get();
        }

        /** @param frameEnded whether the view's frame ended (it waits), or a rollback detached it (free at once) */
        void give(T v, long frame, boolean frameEnded) {
            if (frameEnded) {
                waiting.add(v, frame);
            } else {
                ready.add(v, 0);
            }
        }
    }

    /** A FIFO of views, each with a frame number. */
    private static final class ViewQueue {
        private Object[] ring = new Object[8];
        private long[] frames = new long[8];
        private int head;
        int size;

        void add(Object v, long frame) {
            if (size == ring.length) {
                Object[] bigger = new Object[ring.length * 2];
                long[] biggerFrames = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                    biggerFrames[i] = frames[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                frames = biggerFrames;
                head = 0;
            }
            int at = (head + size) & (ring.length - 1);
            ring[at] = v;
            frames[at] = frame;
            size++;
        }

        long headFrame() {
            return frames[head];
        }

        Object poll() {
            Object v = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return v;
        }
    }
}
