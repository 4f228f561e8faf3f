package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Fov;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Rng;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * The roguelike rules: one player, monsters that sleep until they see you and then chase you along a walking
 * distance map, bump to attack, doors that open, field of view with remembered cells, stairs to the next depth.
 *
 * <h2>Memory</h2>
 * <p>The level lives in its {@code LevelGroup}: descending or regenerating closes it and the next one is made in
 * a new group. Distance maps for monsters and the autopilot are frame-arena scratch, valid for the turn. A turn
 * allocates no Java heap: messages are strings built once ({@link Texts}), visitors and queues are fields.</p>
 *
 * <p>Must be driven inside a frame ({@code frame.begin()}/{@code end()}) on the thread that created it: it keeps that
 * thread's frame arena.</p>
 */
public final class Game implements AutoCloseable {
    /** Sight radius in unlit places; lit (torch) cells are seen up to {@link #LIT_SIGHT}. */
    public static final int SIGHT = 8;
    public static final int LIT_SIGHT = 24;
    private static final int CHASE_RADIUS = 40;
    private static final int STATE_ASLEEP = 0;
    private static final int STATE_HUNTING = 1;

    private final EngineMemory mem;
    private final Generator gen;
    private final GenAssets assets;
    private final Texts texts;
    private final MessageLog log = new MessageLog();
    private final int width;
    private final int height;
    private final long baseSeed;
    private final Rng rng;
    private final Fov.Visitor seeCell = this::see;
    private final FrameArena frame; // the driving thread's arena, looked up once (a thread-local lookup per turn is not free)

    private Level level;
    private int depth;
    private int regenerations;
    private int restarts;
    private int px;
    private int py;
    private int hp;
    private int maxHp;
    private int attack;
    private int turn;
    private int kills;
    private int levelsMade;
    private boolean dead;

    /**
     * @param mem the engine (levels, scratch)
     * @param assets generator data
     * @param seed the game's seed
     * @param width level width
     * @param height level height
     */
    public Game(EngineMemory mem, GenAssets assets, long seed, int width, int height) {
        Generator.checkSize(width, height);
        this.mem = mem;
        this.assets = assets;
        this.gen = new Generator(assets);
        this.texts = new Texts(assets);
        this.width = width;
        this.height = height;
        this.baseSeed = seed;
        this.rng = new Rng(seed, 0x6A3E);
        this.frame = mem.frame();
        startGame();
    }

    private void startGame() {
        maxHp = 40;
        hp = maxHp;
        attack = 4;
        depth = 1;
        turn = 0;
        kills = 0;
        dead = false;
        makeLevel();
        log.add(restarts == 0 ? texts.welcome : texts.restart, turn);
    }

    private long levelSeed() {
        return baseSeed * 1_000_003L + depth * 7919L + regenerations * 104_729L + restarts * 15_485_863L;
    }

    private void makeLevel() {
        if (level != null) {
            level.close(); // the whole previous level, at once
            level = null;
        }
        level = gen.generate(mem, levelSeed(), depth, width, height);
        levelsMade++;
        px = level.upX();
        py = level.upY();
        updateVisibility();
    }

    /**
     * Plays one action. Movement into a monster attacks it, into a closed door opens it, into a secret door may find
     * it. After the player, every monster takes its turn.
     *
     * @param action an {@link Action} code
     * @return whether a turn passed
     */
    public boolean act(int action) {
        if (action == Action.NONE || action == Action.QUIT) {
            return false;
        }
        if (dead) {
            if (action == Action.RESTART || action == Action.REGENERATE) {
                restarts++;
                startGame();
                return true;
            }
            return false;
        }
        long mark = frame.mark();
        try {
            boolean took = playerTurn(action);
            if (took) {
                turn++;
                monstersTurn();
                updateVisibility();
            }
            return took;
        } finally {
            frame.rollback(mark);
        }
    }

    private boolean playerTurn(int action) {
        switch (action) {
            case Action.WAIT:
                return true;
            case Action.DESCEND:
                if (level.terrain(px, py) != Terrain.STAIRS_DOWN) {
                    log.add(texts.notOnStairs, turn);
                    return false;
                }
                depth++;
                makeLevel();
                log.add(texts.descend, turn);
                return true;
            case Action.REGENERATE:
            case Action.RESTART:
                regenerations++;
                makeLevel();
                log.add(texts.regenerate, turn);
                return true;
            case Action.TOWARD_STAIRS:
                if (px == level.downX() && py == level.downY()) {
                    return playerTurn(Action.DESCEND);
                }
                return step(stepToward(level.downX(), level.downY(), true));
            case Action.FIGHT: {
                int m = nearestVisibleMonster();
                int move = m < 0 ? Action.NONE : stepToward(level.entity(m, 2), level.entity(m, 3), true);
                // Nothing in sight, or in sight but out of reach (across water): carry on toward the stairs.
                return move != Action.NONE ? step(move) : playerTurn(Action.TOWARD_STAIRS);
            }
            default:
                return Action.isMove(action) && step(action);
        }
    }

    private boolean step(int move) {
        if (move == Action.NONE) {
            return true; // nowhere to go: wait
        }
        int nx = px + Action.dx(move);
        int ny = py + Action.dy(move);
        if (!level.inBounds(nx, ny)) {
            return false;
        }
        int e = level.entityAt(nx, ny);
        if (e >= 0 && level.entity(e, 0) == Population.MONSTER) {
            attackMonster(e);
            return true;
        }
        int t = level.terrain(nx, ny);
        if (t == Terrain.DOOR_CLOSED) {
            level.setDoor(level.doorAt(nx, ny), Terrain.DOOR_OPEN);
            log.add(texts.doorOpens, turn);
            return true;
        }
        if (t == Terrain.DOOR_SECRET) {
            if (rng.chance(34)) {
                level.setDoor(level.doorAt(nx, ny), Terrain.DOOR_CLOSED);
                log.add(texts.secretFound, turn);
            } else {
                log.add(texts.wallBump, turn);
            }
            return true;
        }
        if (!Terrain.passable(t)) {
            log.add(texts.wallBump, turn);
            return false;
        }
        px = nx;
        py = ny;
        if (e >= 0) {
            int kind = level.entity(e, 0);
            int type = level.entity(e, 1);
            if (kind == Population.ITEM) {
                log.add(texts.youSee[type], turn);
            } else if (kind == Population.FEATURE) {
                log.add(texts.featureHere[type], turn);
            }
        }
        return true;
    }

    private void attackMonster(int e) {
        int type = level.entity(e, 1);
        int dmg = attack + rng.nextInt(3);
        int left = level.entity(e, 4) - dmg;
        level.setEntity(e, 6, STATE_HUNTING);
        if (left <= 0) {
            level.removeEntity(e);
            kills++;
            log.add(texts.youKill[type], turn);
        } else {
            level.setEntity(e, 4, left);
            log.add(texts.youHit[type], turn);
        }
    }

    /** Every monster: wake when it sees the player, then attack if adjacent or walk down the distance map. */
    private void monstersTurn() {
        long dist = frame.alloc((long) width * height * 4, 64);
        long queue = frame.alloc((long) width * height * 4, 64);
        distanceMap(px, py, dist, queue, false, CHASE_RADIUS);
        for (int i = 0; i < level.entityCount() && !dead; i++) {
            if (level.entity(i, 0) != Population.MONSTER) {
                continue;
            }
            int mx = level.entity(i, 2);
            int my = level.entity(i, 3);
            int type = level.entity(i, 1);
            if (level.entity(i, 6) == STATE_ASLEEP) {
                if ((level.flags(mx, my) & Level.VISIBLE) != 0 && rng.chance(60)) {
                    level.setEntity(i, 6, STATE_HUNTING);
                    log.add(texts.notices[type], turn);
                }
                continue;
            }
            if (Math.abs(mx - px) <= 1 && Math.abs(my - py) <= 1) {
                int dmg = assets.population().monster(type).damageMin() + rng.nextInt(2);
                hp -= dmg;
                log.add(texts.hitsYou[type], turn);
                if (hp <= 0) {
                    hp = 0;
                    dead = true;
                    log.add(texts.youDie, turn);
                }
                continue;
            }
            int here = MemoryUtil.memGetInt(dist + 4L * (my * width + mx));
            if (here < 0) {
                continue; // too far, or no way: wait
            }
            int bestX = mx;
            int bestY = my;
            int best = here;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = mx + dx;
                    int ny = my + dy;
                    if ((dx | dy) == 0 || !level.inBounds(nx, ny)) {
                        continue;
                    }
                    int d = MemoryUtil.memGetInt(dist + 4L * (ny * width + nx));
                    if (d >= 0 && d < best && level.entityAt(nx, ny) < 0 && !(nx == px && ny == py) && walkable(level.terrain(nx, ny))) {
                        best = d;
                        bestX = nx;
                        bestY = ny;
                    }
                }
            }
            if (best < here) {
                level.moveEntity(i, bestX, bestY);
            }
        }
    }

    private static boolean walkable(int t) {
        return Terrain.passable(t) && t != Terrain.DOOR_CLOSED && t != Terrain.DOOR_SECRET;
    }

    /**
     * 8-connected breadth-first distances from (sx, sy), at most {@code radius} steps.
     *
     * @param throughDoors whether closed and secret doors count as open (the player can open and find them)
     */
    private void distanceMap(int sx, int sy, long dist, long queue, boolean throughDoors, int radius) {
        MemoryUtil.memSet(dist, 0xFF, (long) width * height * 4);
        int head = 0;
        int tail = 0;
        int start = sy * width + sx;
        MemoryUtil.memPutInt(dist + 4L * start, 0);
        MemoryUtil.memPutInt(queue, start);
        tail++;
        while (head < tail) {
            int c = MemoryUtil.memGetInt(queue + 4L * head++);
            int d = MemoryUtil.memGetInt(dist + 4L * c);
            if (d >= radius) {
                continue;
            }
            int cx = c % width;
            int cy = c / width;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = cx + dx;
                    int ny = cy + dy;
                    if ((dx | dy) == 0 || !level.inBounds(nx, ny)) {
                        continue;
                    }
                    int n = ny * width + nx;
                    int t = level.terrain(nx, ny);
                    // The player may open doors and search secret ones (bumping does both), monsters may not.
                    boolean ok = throughDoors ? Terrain.passable(t) : walkable(t);
                    if (ok && MemoryUtil.memGetInt(dist + 4L * n) < 0) {
                        MemoryUtil.memPutInt(dist + 4L * n, d + 1);
                        MemoryUtil.memPutInt(queue + 4L * tail++, n);
                    }
                }
            }
        }
    }

    /** @return the move that goes one step down the walking distance toward (tx, ty), or NONE */
    private int stepToward(int tx, int ty, boolean throughDoors) {
        long dist = frame.alloc((long) width * height * 4, 64);
        long queue = frame.alloc((long) width * height * 4, 64);
        distanceMap(tx, ty, dist, queue, throughDoors, Integer.MAX_VALUE);
        int here = MemoryUtil.memGetInt(dist + 4L * (py * width + px));
        int best = here < 0 ? Integer.MAX_VALUE : here;
        int move = Action.NONE;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = px + dx;
                int ny = py + dy;
                if ((dx | dy) == 0 || !level.inBounds(nx, ny)) {
                    continue;
                }
                int d = MemoryUtil.memGetInt(dist + 4L * (ny * width + nx));
                if (d >= 0 && d < best) {
                    best = d;
                    move = Action.move(dx, dy);
                }
            }
        }
        return move;
    }

    private int nearestVisibleMonster() {
        int best = -1;
        int bestD = Integer.MAX_VALUE;
        for (int i = 0; i < level.entityCount(); i++) {
            if (level.entity(i, 0) != Population.MONSTER) {
                continue;
            }
            int mx = level.entity(i, 2);
            int my = level.entity(i, 3);
            if ((level.flags(mx, my) & Level.VISIBLE) == 0) {
                continue;
            }
            int d = Math.max(Math.abs(mx - px), Math.abs(my - py));
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** Recomputes what the player sees: VISIBLE this turn, REMEMBERED for good. */
    private void updateVisibility() {
        int cells = width * height;
        for (int i = 0; i < cells; i++) {
            int f = level.flagsAt(i);
            if ((f & Level.VISIBLE) != 0) {
                level.setFlagsAt(i, f & ~Level.VISIBLE);
            }
        }
        Fov.compute(level, px, py, LIT_SIGHT, seeCell);
    }

    private void see(int x, int y) {
        int dx = x - px;
        int dy = y - py;
        if (dx * dx + dy * dy <= SIGHT * SIGHT || (level.flags(x, y) & Level.LIT) != 0) {
            level.addFlags(x, y, Level.VISIBLE | Level.REMEMBERED);
        }
    }

    /** @return the current level */
    public Level level() { return level; }

    /** @return the player's column */
    public int playerX() { return px; }

    /** @return the player's row */
    public int playerY() { return py; }

    /** @return hit points */
    public int hp() { return hp; }

    /** @return maximum hit points */
    public int maxHp() { return maxHp; }

    /** @param value new maximum (and current) hit points, for scripted sessions that must not die */
    public void setMaxHp(int value) {
        maxHp = value;
        hp = value;
    }

    /** @return dungeon depth */
    public int depth() { return depth; }

    /** @return turns played */
    public int turn() { return turn; }

    /** @return monsters killed */
    public int kills() { return kills; }

    /** @return levels generated so far */
    public int levelsMade() { return levelsMade; }

    /** @return whether the player is dead */
    public boolean dead() { return dead; }

    /** @return the message log */
    public MessageLog log() { return log; }

    /** @return the generator's assets */
    public GenAssets assets() { return assets; }

    /** Frees the current level. */
    @Override
    public void close() {
        if (level != null) {
            level.close();
            level = null;
        }
    }
}
