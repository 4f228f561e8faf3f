package dev.burrow.memory;

import java.util.Arrays;

/**
 * The collection views of one frame arena: the ones issued this frame (in order, so a rollback can detach those made
 * after its mark) and, per kind, a FIFO of free views to reuse, so making a collection allocates no Java heap once the
 * arena has made as many of a kind as a frame needs. FIFO rather than LIFO, over at least {@value Free#FIRST_BATCH}
 * views a kind: a view kept past its frame (in a field, say) stays detached, and its use refused ({@code EM011}),
 * while the other free views go out before it. A frame that makes at most half that many of a kind never gets back,
 * in the next frame, a view the last frame made; with exactly as many views as a frame needs, the kept view would be
 * the next frame's.
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

    FrameIntList intList() {
        return issue(ints.take());
    }

    FrameLongList longList() {
        return issue(longs.take());
    }

    FrameFloatList floatList() {
        return issue(floats.take());
    }

    FrameIntIntMap intIntMap() {
        return issue(maps.take());
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

    /** Detaches the views issued after the first {@code keep} and returns them to their free queues. */
    void detachFrom(int keep) {
        for (int i = issuedCount - 1; i >= keep; i--) {
            FrameCollection v = issued[i];
            issued[i] = null;
            v.detach();
            giveBack(v);
        }
        issuedCount = Math.min(issuedCount, keep);
    }

    private void giveBack(FrameCollection v) {
        if (v instanceof FrameIntList) {
            ints.give((FrameIntList) v);
        } else if (v instanceof FrameLongList) {
            longs.give((FrameLongList) v);
        } else if (v instanceof FrameFloatList) {
            floats.give((FrameFloatList) v);
        } else {
            maps.give((FrameIntIntMap) v);
        }
    }

    /** A FIFO of free views of one kind; makes new ones, in batches, when none is free. */
    private static final class Free<T> {
        /** Views the first miss makes: the rest wait in the queue, ahead of the views frames give back. */
        static final int FIRST_BATCH = 8;
        private final java.util.function.Supplier<T> make;
        /** Views of this kind made so far. */
        private int made;
        private Object[] ring = new Object[8];
        private int head;
        private int size;

        Free(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        @SuppressWarnings("unchecked")
        T take() {
            if (size == 0) {
                int batch = made == 0 ? FIRST_BATCH : made; // doubling: few misses, all early (a game's warm-up)
                for (int i = 1; i < batch; i++) {
                    give(make.get());
                }
                made += batch;
                return make.get();
            }
            T v = (T) ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return v;
        }

        void give(T v) {
            if (size == ring.length) {
                Object[] bigger = new Object[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) & (ring.length - 1)] = v;
            size++;
        }
    }
}
