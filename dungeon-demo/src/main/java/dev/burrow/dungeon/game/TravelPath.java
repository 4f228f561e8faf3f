package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;
import dev.burrow.memory.Pool;
import dev.burrow.memory.PromotionResult;
import org.lwjgl.system.MemoryUtil;

/**
 * The way travel and auto-explore follow, kept across turns by promotion.
 *
 * <p>A search (a distance map over the whole level, in frame memory) ends in a path: the cells from the player to the
 * target, written into a small frame list. The game asks the frame arena to promote that list: at the frame's
 * {@code end()} it is copied into a slot of the game's {@value #POOL} pool, and the next turns walk it step by step
 * instead of searching again. The path is dropped — its slot freed — when it no longer holds: the activity stopped
 * (a monster came into view, the player was hurt, a key was pressed), the level changed, the map changed (a door
 * opened — but not the one the path itself goes through —, a wall fell, a trap was found), the player is not next to the next cell, it was walked to its end, or
 * (explore) its target is no longer an unexplored edge or an item worth having. A promotion that fails (the pool's
 * tag over its hard budget, native memory out) leaves no path: the next turn searches again, as before paths were
 * kept.</p>
 *
 * <h2>When the promoted copy is picked up</h2>
 * <p>A ticket is readable from the frame's {@code end()} to the next {@code end()}, so {@link #settle()} runs at the
 * start of every turn and every frame ({@link Game#beginFrame()}): it takes the slot, or frees it when the path was
 * dropped before its frame ended. Turns later in the frame that made the path follow the frame copy.</p>
 *
 * <h2>Record layout</h2>
 * <p>{@value #RECORD_INTS} ints, the same in the frame list and the pool slot: {@link #EPOCH}, {@link #MAP},
 * {@link #GOAL}, {@link #TARGET}, {@link #LENGTH}, {@link #NEXT}, then up to {@link #MAX_STEPS} cells
 * ({@code y * width + x}), the first one next to where the player stood.</p>
 */
final class TravelPath implements AutoCloseable {
    /** The pool the paths are promoted into: one slot per kept path (one at a time). */
    static final String POOL = "travel::path";
    /** Record field: the game's level-change count when the path was made. */
    static final int EPOCH = 0;
    /** Record field: the level's {@link Level#mapVersion()} when the path was made. */
    static final int MAP = 1;
    /** Record field: what the path serves (a {@link Travel} goal). */
    static final int GOAL = 2;
    /** Record field: the cell it leads to. */
    static final int TARGET = 3;
    /** Record field: cells in the path. */
    static final int LENGTH = 4;
    /** Record field: index of the next cell to walk to. */
    static final int NEXT = 5;
    static final int HEADER = 6;
    /** Record size in ints: one 512-byte pool slot. */
    static final int RECORD_INTS = 128;
    static final int BYTES = RECORD_INTS * 4;
    /** Most cells a kept path holds; a longer way is walked this far, then searched again. */
    static final int MAX_STEPS = RECORD_INTS - HEADER;

    private final FrameArena frame;
    private final Pool pool;
    /** The promoted path being followed (a pool slot), or 0. */
    private long kept;
    /** This frame's record (frame memory, outside the turns' marks), and its address to prove it is still ours. */
    private FrameIntList stage;
    private long stageAddress;
    private long stageFrame = -1;
    /** Whether the frame record holds the path being followed. */
    private boolean staged;
    /** The promotion asked for the frame record, or 0. */
    private long ticket;

    private long searches;
    private long promoted;
    private long failed;
    private long discarded;
    private long lost;
    private long followed;
    private PromotionResult lastFailure = PromotionResult.PENDING;

    TravelPath(EngineMemory mem, FrameArena frame) {
        this.frame = frame;
        this.pool = mem.pool(POOL, BYTES);
        try {
            pool.reserve(1); // its slab now: a path's first promotion does not grow native memory mid-game
            if (!frame.inFrame()) {
                prime();
            }
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * One promotion round trip in a frame of its own, before play: the arena makes its promotion bookkeeping at the
     * first {@code promote}, which would otherwise be Java heap in the middle of a game (the first explore).
     */
    private void prime() {
        frame.begin();
        long ticket0 = 0;
        try {
            FrameIntList record = frame.intList(RECORD_INTS);
            if (record != null) {
                ticket0 = frame.promote(record.address(), BYTES, pool);
            }
        } finally {
            frame.end();
        }
        long slot = frame.promotedAddress(ticket0);
        if (slot != 0) {
            pool.free(slot);
        }
    }

    /**
     * Takes the outcome of the last frame's promotion: the slot to follow, or freed when the path was dropped before
     * that frame ended. Call at the start of every frame and turn; it does nothing when there is nothing to take.
     */
    void settle() {
        if (ticket == 0 || (frame.inFrame() && frame.frameNumber() == stageFrame)) {
            return; // nothing asked, or its frame has not ended
        }
        PromotionResult r = frame.promotion(ticket);
        long slot = frame.promotedAddress(ticket);
        boolean live = staged;
        ticket = 0;
        staged = false;
        stage = null;
        if (r == PromotionResult.PROMOTED) {
            if (live) {
                kept = slot;
                promoted++;
            } else {
                pool.free(slot);
                discarded++;
            }
        } else if (r == PromotionResult.PENDING) {
            lost++; // the game was not driven in the frame after: the slot is the pool's leak, reported at close
        } else {
            failed++;
            lastFailure = r;
        }
    }

    /**
     * Before a turn's frame mark: the frame record for this frame, so the turn's rollback leaves it to {@code end()}.
     */
    void prepare() {
        settle();
        if (!frame.inFrame() || stageIsOurs()) {
            return;
        }
        stage = frame.intList(RECORD_INTS);
        stageAddress = stage == null ? 0 : stage.address();
        stageFrame = frame.frameNumber();
        staged = false;
        if (stage != null) {
            for (int i = 0; i < RECORD_INTS; i++) {
                stage.add(0);
            }
        }
    }

    /** The frame record is this frame's and no rollback took it (a view rolled past may be someone else's by now). */
    private boolean stageIsOurs() {
        return stage != null && stage.isLive() && stage.address() == stageAddress && stage.capacity() == RECORD_INTS
            && stageFrame == frame.frameNumber();
    }

    /**
     * @param goal what the caller travels for
     * @param g the game (player, level, level changes)
     * @return the move along the kept path, or {@link Action#NONE} (and the path dropped) when there is none that holds
     */
    int nextMove(int goal, Game g) {
        long p = current();
        if (p == 0) {
            return Action.NONE;
        }
        Level l = g.level;
        if (get(p, EPOCH) != g.levelChanges() || get(p, MAP) != l.mapVersion() || get(p, GOAL) != goal) {
            drop();
            return Action.NONE;
        }
        int w = l.width();
        int here = g.player.y * w + g.player.x;
        int next = get(p, NEXT);
        int length = get(p, LENGTH);
        while (next < length && get(p, HEADER + next) == here) {
            next++;
        }
        put(p, NEXT, next);
        if (next >= length) {
            drop(); // walked to its end
            return Action.NONE;
        }
        int cell = get(p, HEADER + next);
        int dx = cell % w - g.player.x;
        int dy = cell / w - g.player.y;
        if (Math.max(Math.abs(dx), Math.abs(dy)) != 1) {
            drop(); // the player is not where the path expects
            return Action.NONE;
        }
        followed++;
        return Action.move(dx, dy);
    }

    /**
     * After the player's step along the path: when the only change to the map was the door the step opened on the
     * path's next cell, the path still holds (it goes through that door).
     *
     * @param versionBefore the level's map version before the step
     * @param g the game
     */
    void stepped(int versionBefore, Game g) {
        long p = current();
        Level l = g.level;
        if (p == 0 || l.mapVersion() != versionBefore + 1 || get(p, MAP) != versionBefore) {
            return;
        }
        int next = get(p, NEXT);
        if (next < get(p, LENGTH) && l.terrainAt(get(p, HEADER + next)) == Terrain.DOOR_OPEN) {
            put(p, MAP, l.mapVersion());
        }
    }

    /** @return the target cell of the path being followed, or -1 */
    int target() {
        long p = current();
        return p == 0 ? -1 : get(p, TARGET);
    }

    /**
     * Records the way down {@code dist} from the player as the path to follow, and asks for its promotion.
     *
     * @param dist a distance map whose sources are the targets
     * @param goal what the path serves
     * @param g the game
     */
    void record(FrameIntList dist, int goal, Game g) {
        searches++;
        dropKept();
        if (!stageIsOurs()) {
            staged = false;
            return; // no frame record this frame (driven outside a frame): the next turn searches again
        }
        Level l = g.level;
        int w = l.width();
        int x = g.player.x;
        int y = g.player.y;
        int n = 0;
        int limit = l.width() * l.height(); // distances fall by one each step: this only guards a broken map
        for (int i = 0; i < limit; i++) {
            int move = DistanceMap.downhill(dist, l, x, y);
            if (move == Action.NONE) {
                break;
            }
            x += Action.dx(move);
            y += Action.dy(move);
            if (n < MAX_STEPS) {
                stage.set(HEADER + n++, y * w + x);
            }
            if (dist.get(y * w + x) == 0) {
                break;
            }
        }
        stage.set(EPOCH, g.levelChanges());
        stage.set(MAP, l.mapVersion());
        stage.set(GOAL, goal);
        stage.set(TARGET, y * w + x);
        stage.set(LENGTH, n);
        stage.set(NEXT, 0);
        staged = n > 0;
        if (staged && ticket == 0) {
            ticket = frame.promote(stageAddress, BYTES, pool); // copied into a slot at end(), if it fits
        }
    }

    /** Stops following the path (its slot goes back to the pool; a frame record is simply not kept). */
    void drop() {
        staged = false;
        dropKept();
    }

    private void dropKept() {
        if (kept != 0) {
            pool.free(kept);
            kept = 0;
        }
    }

    /** @return the record being followed: this frame's if it has one, else the promoted slot; 0 when none */
    private long current() {
        if (staged && stageIsOurs()) {
            return stageAddress;
        }
        staged = false;
        return kept;
    }

    private static int get(long record, int field) {
        return MemoryUtil.memGetInt(record + 4L * field);
    }

    private static void put(long record, int field, int value) {
        MemoryUtil.memPutInt(record + 4L * field, value);
    }

    /** @return searches that made a path */
    long searches() { return searches; }

    /** @return paths promoted into the pool and followed */
    long promoted() { return promoted; }

    /** @return promotions that failed (the next turn searched again) */
    long failed() { return failed; }

    /** @return promoted paths freed at once because they were dropped before their frame ended */
    long discarded() { return discarded; }

    /** @return promotions never picked up (the game was not driven in the frame after) */
    long lost() { return lost; }

    /** @return steps walked from a kept path instead of a new search */
    long followed() { return followed; }

    /** @return why the latest failed promotion failed ({@link PromotionResult#PENDING} when none failed) */
    PromotionResult lastFailure() { return lastFailure; }

    /** @return whether a promoted path is held (a pool slot) */
    boolean holdsSlot() { return kept != 0; }

    /** Frees the kept path and the pool (with the game). */
    @Override
    public void close() {
        settle();
        drop();
        pool.close();
    }
}
