package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Rng;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameBudgetPolicy;
import dev.burrow.memory.FrameWorkers;
import dev.burrow.memory.LevelGroup;
import org.lwjgl.system.MemoryUtil;

/**
 * The horde you fight in: up to N enemies of four kinds in two factions close in on the player and fight each
 * other; the player moves ({@link ArenaInput}), dashes through them, and fires at the nearest automatically. Each
 * wave ends at a kill quota with a choice of three upgrades ({@link Upgrade}); a fall costs one of three lives and
 * throws the horde back; the last fall ends the run with a score, and a restart begins a new one in place.
 * A fixed step of {@link #DT} seconds (30 Hz), independent of the frame rate, deterministic for a seed and an input
 * sequence.
 *
 * <h2>A step</h2>
 * <ol>
 *   <li>requests: play again, pick an upgrade (play pauses while an offer is open or the run is over);</li>
 *   <li>remember positions (rendering interpolates between this step and the last);</li>
 *   <li>spawn at the edges, away from the player, until N are alive (a wave refills what died);</li>
 *   <li>{@link #steer steering}: each enemy heads for the player and stops at arm's length;</li>
 *   <li>the spatial grid is rebuilt (counting sort into frame int lists);</li>
 *   <li>{@link #separate separation}: each enemy works out how far to step away from neighbours closer than
 *       {@link #SPACING}, and which foe of the other faction is in reach;</li>
 *   <li>{@link #resolve}: corrections applied, sliding along walls, nobody closer to the player than
 *       {@link #KEEP_OUT}: a converged horde is a crowd of separate glyphs around a visible player;</li>
 *   <li>strikes (melee on the player, fights between factions) become events in the damage ring;</li>
 *   <li>the player moves (enemies block the way; a dash goes through), fires a volley; projectiles fly and hit;
 *       particles fade;</li>
 *   <li>the ring is drained: damage applied, the dead removed (swap-with-last) with a burst of particles.</li>
 * </ol>
 * <p>Steering, separation and resolve each read shared state and write only their own rows, over an index range;
 * the grid's count and scatter are split the same way. With {@code workers > 1} they run on a
 * {@link FrameWorkers} team (the calling thread plus {@code workers - 1} threads, each in its own frame, ending
 * together at a barrier): four team runs a step, each worker taking a contiguous share of the rows (separation:
 * blocks of {@link #SEPARATE_BLOCK} rows dealt round-robin, since its cost follows the crowd). Every row is
 * computed from the same inputs in the same order on whichever thread, and the grid lists each cell's rows in row
 * order whatever the split, so a game is step for step the same with 1 worker or N. Strikes, shots, spawns and
 * the ring stay on the calling thread.</p>
 *
 * <p>Each stage is a frame phase ({@link #PHASE_STEER} ...) on the arena of the thread that runs it; workers' arenas
 * have a frame budget ({@link #WORKER_FRAME_BUDGET}).</p>
 *
 * <p>A step allocates no Java heap: enemies are columns in native memory ({@link EnemyTable}), projectiles and
 * particles are pool slots held by handle ({@link Shots}), scratch is frame memory rolled back at the end of the
 * step. The exception is a memory event ({@link #memoryEvents()}): the step in which a burst makes the particle pool
 * take its whole list, and the one in which play has paused after it and the pool is compacted.</p>
 */
public final class ArenaSim implements AutoCloseable {
    /** Seconds per step. */
    public static final float DT = 1f / 30;
    /** {@link #state()}: the run is on. */
    public static final int PLAYING = Waves.PLAYING;
    /** {@link #state()}: a wave was cleared; play waits for an upgrade choice. */
    public static final int CHOOSING = Waves.CHOOSING;
    /** {@link #state()}: the last life is gone; play waits for a restart. */
    public static final int OVER = Waves.OVER;
    static final int TYPES = 4;
    private static final float[] SPEED = {3.6f, 3.0f, 5.2f, 2.2f}; // kobold, orc, bat, troll: cells per second (player 6.5)
    private static final int[] HP = {10, 16, 6, 30};
    private static final int[] HIT = {4, 6, 3, 10};
    /** Centre distance enemies keep from each other: a glyph each, not a blob. */
    static final float SPACING = 1.0f;
    /** Nobody stands closer to the player than this, so the player is never covered. */
    static final float KEEP_OUT = 1.0f;
    /** Enemies stop closing in at this distance. */
    private static final float STOP = 1.05f;
    /** A strike reaches the player from this distance. */
    static final float MELEE = 1.4f;
    /** A strike reaches a foe of the other faction from this distance. */
    private static final float FOE_REACH = 1.1f;
    /** Summed overlap with neighbours (cells) at which an enemy stops pushing forward. */
    private static final float CROWDED = 0.25f;
    /** Most an enemy is moved apart per step: a dense crowd relaxes over a few steps instead of jumping. */
    private static final float MAX_CORRECTION = 0.3f;
    /** The player cannot walk closer than this to an enemy (a dash goes through). */
    static final float BODY = 0.8f;
    /** Spawns keep this far from the player. */
    private static final float SPAWN_CLEARANCE = 12f;
    /** One spawn in three comes out of the dark on a ring this far from the player, not at the edges. */
    private static final float AMBUSH_RADIUS = 15f;
    /** Getting up after a fall throws enemies back this far. */
    static final float SHOCKWAVE = 5f;
    private static final float SHOT_SPEED = 22f;
    private static final int SHOT_TTL = 45;
    /** The damage source recorded for the player's shots; enemy ids are never 0. */
    private static final int PLAYER_SOURCE = 0;
    private static final int REGEN_STEPS = 30; // one hit point back per second
    /** Rows per block of the separation pass when workers share it (a multiple of 16: whole cache lines of floats). */
    static final int SEPARATE_BLOCK = 256;

    /** Frame phases of a step's parallel stages (on the calling thread's arena and on each worker's). */
    public static final String PHASE_STEER = "steer";
    /** See {@link #PHASE_STEER}: the grid's count, prefix and scatter. */
    public static final String PHASE_GRID = "grid";
    /** See {@link #PHASE_STEER}. */
    public static final String PHASE_SEPARATE = "separate";
    /** See {@link #PHASE_STEER}. */
    public static final String PHASE_RESOLVE = "resolve";
    /**
     * What one frame of a worker may allocate from its own arena. A share writes only its own rows and the
     * coordinator's grid, so today it allocates nothing: the budget makes that a rule the overlay shows, and a share
     * that starts allocating past it warns ({@code EM009}) instead of quietly growing every worker's memory.
     */
    public static final long WORKER_FRAME_BUDGET = 64 * 1024;
    /**
     * Frame bytes the generator takes per map cell while it builds the arena (flood fills, the validator): measured
     * 20 B at every size from 100 x 64 to 1024 x 1024, with room for change. {@code ArenaSimTest} proves the sizing
     * leaves no frame spilling ({@code EM002}).
     */
    static final int GENERATOR_FRAME_BYTES_PER_CELL = 24;
    /** Frame bytes of the window's map tiles and text at up to 4K (cells of 20 bytes each). */
    static final long SCREEN_FRAME_BYTES = 2L << 20;

    private final EngineMemory mem;
    private final FrameArena frame;
    private final Level map;
    private final LevelGroup group;
    private final EnemyTable enemies;
    private final Shots projectiles;
    private final Shots particles;
    private final DamageRing ring;
    private final SpatialGrid grid;
    private final FrameWorkers team;
    private final StepTask split = new StepTask();
    private final Rng rng;
    private final ArenaInput input = new ArenaInput();
    private final ArenaPlayer player = new ArenaPlayer();
    private final Waves waves;
    private int wanted;
    private long spawned;
    private long killed;
    private long playerKills;
    private long steps;
    private long runSteps;
    private long runs = 1;
    private long bestScore;
    private int bestWave = 1;
    private int maxAlive;
    private long lastStepNanos;
    private int particleSlots;
    private long memoryEvents;
    private long compactions;
    private int lastSlabsReturned;

    /**
     * @param mem the engine (the calling thread's frame arena is used for scratch)
     * @param assets generator data
     * @param seed the arena's seed
     * @param enemies N: enemies kept alive
     */
    public ArenaSim(EngineMemory mem, GenAssets assets, long seed, int enemies) {
        this(mem, assets, seed, enemies, 1);
    }

    /**
     * @param mem the engine (the calling thread's frame arena is used for scratch)
     * @param assets generator data
     * @param seed the arena's seed
     * @param enemies N: enemies kept alive
     * @param workers threads that share steering, the grid, separation and resolve (1: all on the calling thread)
     */
    public ArenaSim(EngineMemory mem, GenAssets assets, long seed, int enemies, int workers) {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1..64: " + workers);
        }
        if (enemies < 1 || enemies > 1_000_000) {
            throw new IllegalArgumentException("enemies must be 1..1000000: " + enemies);
        }
        this.mem = mem;
        this.frame = mem.frame();
        this.map = new Generator(assets).generateArena(mem, seed, mapWidth(enemies), mapHeight(enemies));
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                map.addFlags(x, y, Level.VISIBLE | Level.REMEMBERED); // the arena is lit: everything in sight
            }
        }
        LevelGroup simGroup = null;
        Shots shots = null;
        Shots sparks = null;
        try {
            simGroup = mem.group("arena::sim");
            this.enemies = new EnemyTable(simGroup, enemies);
            int shotCap = projectileCapacity(enemies);
            int sparkCap = particleCapacity(enemies);
            shots = new Shots(mem, simGroup, "arena::projectiles", shotCap, shotCap);
            // A quarter of the list up front: ordinary play stays within it (a few percent of it is alive on average);
            // a burst grows the pool and the compaction after the wave gives that back.
            sparks = new Shots(mem, simGroup, "arena::particles", sparkCap, sparkCap / 4);
            this.ring = new DamageRing(simGroup, Math.max(256, enemies * 2));
        } catch (RuntimeException | Error e) {
            // Out of native memory half-way: give back what was built, or the map's group is stranded (found by the
            // kit's fault matrix, dungeon-demo FaultMatrixTest).
            if (sparks != null) {
                sparks.close();
            }
            if (shots != null) {
                shots.close();
            }
            if (simGroup != null) {
                simGroup.close();
            }
            map.close();
            throw e;
        }
        this.group = simGroup;
        this.projectiles = shots;
        this.particles = sparks;
        this.grid = new SpatialGrid(map.width(), map.height());
        this.team = workers > 1 ? mem.frameWorkers("arena-worker", workers) : null;
        this.particleSlots = particles.pool().capacity();
        this.rng = new Rng(seed, 0xA2E);
        this.wanted = enemies;
        this.waves = new Waves(enemies);
        player.reset(centreX(), centreY());
    }

    private float centreX() {
        return map.width() / 2f + 0.5f;
    }

    private float centreY() {
        return map.height() / 2f + 0.5f;
    }

    /** @return the arena's map height for {@code enemies}: about six cells of floor per enemy */
    static int mapHeight(int enemies) {
        return (int) Math.min(Generator.MAX_SIDE, Math.max(64, Math.ceil(Math.sqrt(enemies * 6.0))));
    }

    /** @return the arena's map width for {@code enemies} */
    static int mapWidth(int enemies) {
        return Math.min(Generator.MAX_SIDE, Math.max(100, mapHeight(enemies) * 3 / 2));
    }

    static int projectileCapacity(int enemies) {
        return Math.max(256, enemies / 2);
    }

    static int particleCapacity(int enemies) {
        return Math.max(1024, enemies * 4);
    }

    /**
     * The frame arena an arena of {@code enemies} needs, so no frame spills ({@code EM002}): the most of building the
     * map (once, at start), a step (the grid, per worker), and a drawn frame (every enemy, projectile and particle a
     * sprite, plus the window's tiles and text), rounded up to a MiB, at least 4 MiB. Every thread's arena has this
     * size (the engine has one), but workers' stay untouched: their shares allocate nothing.
     *
     * @param enemies N
     * @param workers threads sharing the step
     * @return bytes for {@code MemoryConfig.frameArenaBytes}
     */
    public static long frameArenaBytes(int enemies, int workers) {
        int w = mapWidth(enemies);
        int h = mapHeight(enemies);
        long generate = (long) w * h * GENERATOR_FRAME_BYTES_PER_CELL;
        long step = new SpatialGrid(w, h).frameBytes(enemies, workers) + 64 * 1024;
        long sprites = ((long) enemies + projectileCapacity(enemies) + particleCapacity(enemies) + 1) * ArenaSprites.STRIDE;
        long draw = sprites + SCREEN_FRAME_BYTES;
        long need = Math.max(generate, Math.max(step, draw));
        long mib = 1L << 20;
        return Math.max(4 * mib, (need + mib - 1) / mib * mib);
    }

    /** One fixed step of {@link #DT}, with what {@link #input()} holds. Call inside a frame on the thread that made the arena. */
    public void step() {
        long t0 = System.nanoTime();
        long mark = frame.mark();
        try {
            requests();
            if (waves.state() == Waves.PLAYING) {
                play();
            } else {
                compactAfterBurst();
            }
            steps++;
        } finally {
            frame.rollback(mark);
        }
        countMemoryEvent();
        lastStepNanos = System.nanoTime() - t0;
    }

    /**
     * After a wave (play paused on the offer or the end screen) or a clear: if a burst grew the particle pool past its
     * reservation and the particles have fallen below a quarter of their list, the pool is compacted and gives the
     * burst's slabs back. Allocates Java heap (the engine's compaction, and a site per slab topped up below OFF): a
     * memory event of its step, counted by {@link #memoryEvents()}, never an ordinary step.
     */
    private void compactAfterBurst() {
        if (particles.grown() && particles.count() < particles.capacity() / 4) {
            lastSlabsReturned = particles.compact();
            compactions++;
        }
    }

    /**
     * A step in which the particle pool changed its slabs is a memory event. When a burst first outgrows the
     * reservation, the pool takes the list's whole capacity at once, so a burst is one event (and the compaction after
     * it another) instead of a slab grown in each of its steps.
     */
    private void countMemoryEvent() {
        int held = particles.pool().capacity();
        if (held == particleSlots) {
            return;
        }
        if (held > particleSlots) {
            particles.reserveAll();
            held = particles.pool().capacity();
        }
        particleSlots = held;
        memoryEvents++;
    }

    private void requests() {
        if (waves.state() != Waves.PLAYING) {
            input.takeDash(); // a dash asked for on the offer or end screen is not saved for later
        }
        if (input.takeRestart() && waves.state() == Waves.OVER) {
            restart();
        }
        int choice = input.takeChoice();
        if (choice > 0 && waves.state() == Waves.CHOOSING) {
            int u = waves.choose(choice);
            if (u == Upgrade.VITALITY) {
                player.vitality();
            }
        }
    }

    private void play() {
        int n = enemies.count();
        player.prevX = player.x;
        player.prevY = player.y;
        remember(0, n);
        spawn();
        n = enemies.count();
        if (team == null) {
            oneThread(n);
        } else {
            onTeam(n);
        }
        strike();
        movePlayer();
        fire();
        hits();
        particles.advance(DT);
        applyDamage();
        player.tick();
        if (runSteps % REGEN_STEPS == 0 && player.hp > 0 && player.hp < player.maxHp) {
            player.hp++;
        }
        if (enemies.count() > maxAlive) {
            maxAlive = enemies.count();
        }
        runSteps++;
    }

    private void oneThread(int n) {
        frame.beginPhase(PHASE_STEER);
        steer(0, n);
        frame.endPhase();
        frame.beginPhase(PHASE_GRID);
        grid.rebuild(enemies, frame);
        frame.endPhase();
        frame.beginPhase(PHASE_SEPARATE);
        separate(0, n);
        frame.endPhase();
        frame.beginPhase(PHASE_RESOLVE);
        resolve(0, n);
        frame.endPhase();
    }

    /** The same stages on the team: each worker opens the stage's phase in its own arena ({@link StepTask}). */
    private void onTeam(int n) {
        frame.beginPhase(PHASE_GRID);
        grid.prepare(n, team.size(), frame);
        frame.endPhase();
        split.run(StepTask.STEER_AND_COUNT, n);
        frame.beginPhase(PHASE_GRID);
        grid.prefix();
        frame.endPhase();
        split.run(StepTask.SCATTER, n);
        split.run(StepTask.SEPARATE, n);
        split.run(StepTask.RESOLVE, n);
    }

    private void remember(int from, int to) {
        EnemyTable e = enemies;
        for (int r = from; r < to; r++) {
            EnemyTable.putF(e.px, r, EnemyTable.f(e.x, r));
            EnemyTable.putF(e.py, r, EnemyTable.f(e.y, r));
        }
    }

    private void spawn() {
        int budget = Math.max(20, wanted / 20); // a wave enters over about a second
        float clear2 = SPAWN_CLEARANCE * SPAWN_CLEARANCE;
        float toughness = waves.toughness();
        for (int tries = 0; enemies.count() < wanted && budget > 0 && tries < budget * 8; tries++) {
            int x;
            int y;
            if (rng.chance(33)) {
                // A ring round the player: a circle point from an integer angle (StrictMath: the same on every JVM).
                double a = rng.nextInt(360) * (Math.PI / 180);
                float r = AMBUSH_RADIUS + rng.nextInt(4);
                x = (int) (player.x + StrictMath.cos(a) * r);
                y = (int) (player.y + StrictMath.sin(a) * r);
            } else if (rng.chance(50)) {
                x = rng.chance(50) ? rng.range(1, 6) : map.width() - 1 - rng.range(1, 6);
                y = rng.range(1, map.height() - 2);
            } else {
                x = rng.range(1, map.width() - 2);
                y = rng.chance(50) ? rng.range(1, 6) : map.height() - 1 - rng.range(1, 6);
            }
            float dx = x + 0.5f - player.x;
            float dy = y + 0.5f - player.y;
            if (!walkable(x, y) || dx * dx + dy * dy < clear2) {
                continue;
            }
            int t = rng.nextInt(TYPES);
            enemies.add(x + 0.5f, y + 0.5f, t, Math.round(HP[t] * toughness));
            spawned++;
            budget--;
        }
    }

    private boolean walkable(float x, float y) {
        return x >= 0 && y >= 0 && walkable((int) x, (int) y);
    }

    private boolean walkable(int x, int y) {
        return map.inBounds(x, y) && Terrain.passable(map.terrain(x, y));
    }

    /**
     * Steering, rows {@code [from, to)}: head for the player, slow to a stop at arm's length, slide along walls; an
     * enemy that overlapped its neighbours last step pushes forward less (crowd pressure: the summed overlap, which
     * does not cancel out inside a crowd as the push-apart vector does), so the back of a crowd queues instead of
     * squeezing the front together.
     */
    void steer(int from, int to) {
        EnemyTable e = enemies;
        float quick = waves.quickness();
        float px = player.x;
        float py = player.y;
        for (int r = from; r < to; r++) {
            float x = EnemyTable.f(e.x, r);
            float y = EnemyTable.f(e.y, r);
            float dx = px - x;
            float dy = py - y;
            float dist = (float) Math.sqrt(dx * dx + dy * dy) + 1e-4f;
            float approach = Math.max(0f, Math.min(1f, (dist - STOP) / 0.75f));
            float pressure = Math.min(1f, EnemyTable.f(e.crowd, r) / CROWDED);
            float want = SPEED[EnemyTable.i(e.type, r)] * quick * approach * (1f - pressure) / dist;
            float keep = 0.7f * (1f - pressure); // a crowded enemy also loses its run-up
            float vx = EnemyTable.f(e.vx, r) * keep + dx * want * 0.3f;
            float vy = EnemyTable.f(e.vy, r) * keep + dy * want * 0.3f;
            float nx = x + vx * DT;
            float ny = y + vy * DT;
            if (!walkable(nx, y)) {
                nx = x;
                vx = 0;
            }
            if (!walkable(nx, ny)) {
                ny = y;
                vy = 0;
            }
            EnemyTable.putF(e.x, r, nx);
            EnemyTable.putF(e.y, r, ny);
            EnemyTable.putF(e.vx, r, vx);
            EnemyTable.putF(e.vy, r, vy);
        }
    }

    /**
     * Separation, rows {@code [from, to)}: half of every overlap with a neighbour closer than {@link #SPACING}
     * (the neighbour takes the other half in its own row), capped at {@link #MAX_CORRECTION}; the summed overlap
     * (crowding, for the next step's steering); and the nearest foe within reach. Reads positions, writes only the
     * correction, crowding and target columns of its rows.
     */
    void separate(int from, int to) {
        EnemyTable e = enemies;
        SpatialGrid g = grid;
        float spacing2 = SPACING * SPACING;
        for (int r = from; r < to; r++) {
            float x = EnemyTable.f(e.x, r);
            float y = EnemyTable.f(e.y, r);
            int faction = EnemyTable.i(e.type, r) & 1;
            float cx = 0;
            float cy = 0;
            float overlap = 0;
            int foe = -1;
            float foeD2 = FOE_REACH * FOE_REACH;
            int cell = g.cellOf(x, y);
            int gx0 = Math.max(0, cell % g.cols - 1);
            int gx1 = Math.min(g.cols - 1, cell % g.cols + 1);
            int gy0 = Math.max(0, cell / g.cols - 1);
            int gy1 = Math.min(g.rows - 1, cell / g.cols + 1);
            for (int gy = gy0; gy <= gy1; gy++) {
                for (int gx = gx0; gx <= gx1; gx++) {
                    int c = gy * g.cols + gx;
                    for (int k = g.cellStart(c), end = g.cellStart(c + 1); k < end; k++) {
                        int o = g.item(k);
                        if (o == r) {
                            continue;
                        }
                        float ox = x - g.itemX(k); // the copies beside the items: contiguous per cell
                        float oy = y - g.itemY(k);
                        float d2 = ox * ox + oy * oy;
                        if (d2 < spacing2) {
                            if (d2 > 1e-8f) {
                                float d = (float) Math.sqrt(d2);
                                overlap += SPACING - d;
                                float push = (SPACING - d) / d * 0.5f;
                                cx += ox * push;
                                cy += oy * push;
                            } else {
                                overlap += SPACING;
                                cx += r < o ? 0.05f : -0.05f; // on the same spot: part them the same way every run
                            }
                        }
                        if (d2 < foeD2 && g.itemFaction(k) != faction) {
                            foeD2 = d2;
                            foe = o;
                        }
                    }
                }
            }
            float len2 = cx * cx + cy * cy;
            if (len2 > MAX_CORRECTION * MAX_CORRECTION) {
                float s = MAX_CORRECTION / (float) Math.sqrt(len2);
                cx *= s;
                cy *= s;
            }
            EnemyTable.putF(e.sx, r, cx);
            EnemyTable.putF(e.sy, r, cy);
            EnemyTable.putF(e.crowd, r, overlap);
            EnemyTable.putI(e.target, r, foe);
        }
    }

    /** Resolve, rows {@code [from, to)}: apply the corrections (sliding along walls) and keep out of the player's space. */
    void resolve(int from, int to) {
        EnemyTable e = enemies;
        float px = player.x;
        float py = player.y;
        for (int r = from; r < to; r++) {
            float x = EnemyTable.f(e.x, r);
            float y = EnemyTable.f(e.y, r);
            float nx = x + EnemyTable.f(e.sx, r);
            float ny = y + EnemyTable.f(e.sy, r);
            if (!walkable(nx, y)) {
                nx = x;
            }
            if (!walkable(nx, ny)) {
                ny = y;
            }
            float dx = nx - px;
            float dy = ny - py;
            float d2 = dx * dx + dy * dy;
            if (d2 < KEEP_OUT * KEEP_OUT) {
                float d = (float) Math.sqrt(d2);
                float ux = d > 1e-4f ? dx / d : (r & 1) == 0 ? 1f : -1f;
                float uy = d > 1e-4f ? dy / d : 0f;
                float kx = px + ux * KEEP_OUT;
                float ky = py + uy * KEEP_OUT;
                if (walkable(kx, ky)) {
                    nx = kx;
                    ny = ky;
                }
            }
            EnemyTable.putF(e.x, r, nx);
            EnemyTable.putF(e.y, r, ny);
        }
    }

    /** Melee on the player and fights between factions, as damage events (one thread: the ring is not shared). */
    private void strike() {
        EnemyTable e = enemies;
        float melee2 = MELEE * MELEE;
        float ferocity = waves.ferocity();
        for (int r = 0; r < e.count(); r++) {
            int cool = EnemyTable.i(e.cooldown, r);
            if (cool > 0) {
                EnemyTable.putI(e.cooldown, r, cool - 1);
                continue;
            }
            float dx = player.x - EnemyTable.f(e.x, r);
            float dy = player.y - EnemyTable.f(e.y, r);
            int t = EnemyTable.i(e.type, r);
            int foe = EnemyTable.i(e.target, r);
            if (dx * dx + dy * dy < melee2) {
                ring.push(DamageRing.PLAYER, Math.round(HIT[t] * ferocity), e.id(r));
                EnemyTable.putI(e.cooldown, r, 20);
            } else if (foe >= 0) {
                ring.push(e.id(foe), HIT[t], e.id(r));
                EnemyTable.putI(e.cooldown, r, 15);
            }
        }
    }

    private void movePlayer() {
        ArenaPlayer p = player;
        float mx = input.moveX();
        float my = input.moveY();
        if (mx != 0 || my != 0) {
            float len = (float) Math.sqrt(mx * mx + my * my);
            p.faceX = mx / len;
            p.faceY = my / len;
        }
        if (input.takeDash()) {
            p.dash(p.faceX, p.faceY, waves);
        }
        boolean dashing = p.dashLeft > 0;
        if (dashing) {
            mx = p.dashX;
            my = p.dashY;
        }
        float s = p.speed(waves) * DT;
        float nx = p.x + mx * s;
        float ny = p.y + my * s;
        if (!walkable(nx, p.y) || (!dashing && blocked(nx, p.y))) {
            nx = p.x;
        }
        if (!walkable(nx, ny) || (!dashing && blocked(nx, ny))) {
            ny = p.y;
        }
        p.x = nx;
        p.y = ny;
    }

    /** @return whether stepping to (x, y) walks into an enemy's body (moving away from one never counts) */
    private boolean blocked(float x, float y) {
        SpatialGrid g = grid;
        float body2 = BODY * BODY;
        int cell = g.cellOf(x, y);
        int gx0 = Math.max(0, cell % g.cols - 1);
        int gx1 = Math.min(g.cols - 1, cell % g.cols + 1);
        int gy0 = Math.max(0, cell / g.cols - 1);
        int gy1 = Math.min(g.rows - 1, cell / g.cols + 1);
        for (int gy = gy0; gy <= gy1; gy++) {
            for (int gx = gx0; gx <= gx1; gx++) {
                int c = gy * g.cols + gx;
                for (int k = g.cellStart(c), end = g.cellStart(c + 1); k < end; k++) {
                    int o = g.item(k);
                    float ex = EnemyTable.f(enemies.x, o);
                    float ey = EnemyTable.f(enemies.y, o);
                    float dNew = (x - ex) * (x - ex) + (y - ey) * (y - ey);
                    float dOld = (player.x - ex) * (player.x - ex) + (player.y - ey) * (player.y - ey);
                    if (dNew < body2 && dNew < dOld) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void fire() {
        if (runSteps % ArenaPlayer.fireInterval(waves) != 0 || enemies.count() == 0) {
            return;
        }
        int damage = ArenaPlayer.damage(waves);
        for (int shot = 0, n = ArenaPlayer.volley(waves); shot < n; shot++) {
            int target = nearest(shot * 2.5f);
            if (target < 0) {
                return;
            }
            float dx = EnemyTable.f(enemies.x, target) - player.x;
            float dy = EnemyTable.f(enemies.y, target) - player.y;
            float d = (float) Math.sqrt(dx * dx + dy * dy) + 1e-4f;
            projectiles.spawn(player.x, player.y, dx / d * SHOT_SPEED, dy / d * SHOT_SPEED, SHOT_TTL, damage);
        }
    }

    /** @return the row of the nearest enemy at least {@code minDist} away, searching grid rings outward */
    private int nearest(float minDist) {
        int pc = grid.cellOf(player.x, player.y);
        int pcx = pc % grid.cols;
        int pcy = pc / grid.cols;
        float min2 = minDist * minDist;
        int best = -1;
        float bestD = Float.MAX_VALUE;
        int maxRing = Math.max(grid.cols, grid.rows);
        for (int ringR = 0; ringR < maxRing; ringR++) {
            // Clamped bounds, every row of the square visited once, edges only: loops C2 can bound at compile time
            // (a loop_limit_check deoptimisation here used to recompile it mid-run).
            int y0 = Math.max(0, pcy - ringR);
            int y1 = Math.min(grid.rows - 1, pcy + ringR);
            int x0 = Math.max(0, pcx - ringR);
            int x1 = Math.min(grid.cols - 1, pcx + ringR);
            for (int gy = y0; gy <= y1; gy++) {
                boolean edgeRow = gy == pcy - ringR || gy == pcy + ringR;
                int stride = edgeRow ? 1 : Math.max(1, x1 - x0);
                for (int gx = x0; gx <= x1; gx += stride) {
                    if (!edgeRow && gx != pcx - ringR && gx != pcx + ringR) {
                        continue;
                    }
                    int c = gy * grid.cols + gx;
                    int end = grid.cellStart(c + 1);
                    for (int k = grid.cellStart(c); k < end; k++) {
                        int o = grid.item(k);
                        float dx = EnemyTable.f(enemies.x, o) - player.x;
                        float dy = EnemyTable.f(enemies.y, o) - player.y;
                        float d = dx * dx + dy * dy;
                        if (d < bestD && d >= min2) {
                            bestD = d;
                            best = o;
                        }
                    }
                }
            }
            if (best >= 0 && (ringR - 1) * SpatialGrid.CELL > Math.sqrt(bestD)) {
                break; // nothing in further rings can be closer
            }
        }
        return best;
    }

    private void hits() {
        projectiles.advance(DT);
        float hit2 = (0.5f + 0.15f) * (0.5f + 0.15f);
        for (int i = projectiles.count() - 1; i >= 0; i--) {
            long p = projectiles.at(i);
            float x = MemoryUtil.memGetFloat(p);
            float y = MemoryUtil.memGetFloat(p + 4);
            if (!walkable(x, y)) {
                projectiles.kill(i);
                continue;
            }
            int cell = grid.cellOf(x, y);
            int cx = cell % grid.cols;
            int cy = cell / grid.cols;
            int victim = -1;
            for (int gy = Math.max(0, cy - 1); gy <= Math.min(grid.rows - 1, cy + 1) && victim < 0; gy++) {
                for (int gx = Math.max(0, cx - 1); gx <= Math.min(grid.cols - 1, cx + 1) && victim < 0; gx++) {
                    int c = gy * grid.cols + gx;
                    for (int k = grid.cellStart(c), end = grid.cellStart(c + 1); k < end; k++) {
                        int o = grid.item(k);
                        float dx = EnemyTable.f(enemies.x, o) - x;
                        float dy = EnemyTable.f(enemies.y, o) - y;
                        if (dx * dx + dy * dy < hit2) {
                            victim = o;
                            break;
                        }
                    }
                }
            }
            if (victim >= 0) {
                ring.push(enemies.id(victim), MemoryUtil.memGetInt(p + Shots.VALUE), PLAYER_SOURCE);
                burst(x, y, 3, 0xffd040);
                projectiles.kill(i);
            }
        }
    }

    private void burst(float x, float y, int n, int rgb) {
        for (int i = 0; i < n; i++) {
            // StrictMath: the same bits on every JVM and at every JIT tier (the rng stream must not depend on it).
            double a = rng.nextInt(628) / 100.0;
            float s = 2f + rng.nextInt(40) / 10f;
            particles.spawn(x, y, (float) StrictMath.cos(a) * s, (float) StrictMath.sin(a) * s, 8 + rng.nextInt(10), rgb);
        }
    }

    private void applyDamage() {
        for (int i = 0; i < ring.size(); i++) {
            int target = ring.target(i);
            int amount = ring.amount(i);
            if (target == DamageRing.PLAYER) {
                if (player.hurt(amount)) {
                    fall();
                }
                continue;
            }
            int row = enemies.row(target);
            if (row < 0) {
                continue; // already dead this step: its id no longer resolves
            }
            int hp = EnemyTable.i(enemies.hp, row) - amount;
            if (hp <= 0) {
                burst(EnemyTable.f(enemies.x, row), EnemyTable.f(enemies.y, row), 6, 0xff6040);
                enemies.removeRow(row);
                killed++;
                if (ring.source(i) == PLAYER_SOURCE) {
                    playerKills++;
                    waves.playerKill(rng);
                }
            } else {
                EnemyTable.putI(enemies.hp, row, hp);
            }
        }
        ring.clear();
    }

    /** The last hit point went: a life is lost (and the horde thrown back), or the run is over. */
    private void fall() {
        player.falls++;
        player.lives--;
        if (player.lives > 0) {
            player.getUp();
            shockwave();
        } else {
            player.hp = 0;
            waves.over();
            bestScore = Math.max(bestScore, waves.score());
        }
        bestWave = Math.max(bestWave, waves.wave());
    }

    private void shockwave() {
        EnemyTable e = enemies;
        for (int r = 0; r < e.count(); r++) {
            float dx = EnemyTable.f(e.x, r) - player.x;
            float dy = EnemyTable.f(e.y, r) - player.y;
            float d = (float) Math.sqrt(dx * dx + dy * dy);
            if (d < SHOCKWAVE && d > 1e-4f) {
                float nx = player.x + dx / d * SHOCKWAVE;
                float ny = player.y + dy / d * SHOCKWAVE;
                if (walkable(nx, ny)) {
                    EnemyTable.putF(e.x, r, nx);
                    EnemyTable.putF(e.y, r, ny);
                    EnemyTable.putF(e.px, r, nx);
                    EnemyTable.putF(e.py, r, ny);
                }
                EnemyTable.putF(e.vx, r, 0);
                EnemyTable.putF(e.vy, r, 0);
            }
        }
    }

    /** A new run in place: the horde, shots and particles go back to their table and pools; nothing is allocated. */
    private void restart() {
        clearAll();
        player.reset(centreX(), centreY());
        waves.reset();
        runs++;
        runSteps = 0;
        playerKills = 0;
    }

    /** Stops spawning (0) or sets how many to keep alive. */
    public void setWanted(int n) {
        wanted = Math.max(0, Math.min(n, enemies.capacity()));
    }

    /** Removes every enemy, projectile and particle (their memory goes back to the table and the pools). */
    public void clearAll() {
        while (enemies.count() > 0) {
            enemies.removeRow(enemies.count() - 1);
            killed++;
        }
        projectiles.clear();
        particles.clear();
        compactAfterBurst();
        countMemoryEvent();
    }

    /** @return what the player wants: set it before {@link #step()} (keys, or an {@link ArenaPilot}) */
    public ArenaInput input() { return input; }

    /** @return the enemy table */
    public EnemyTable enemies() { return enemies; }

    /** @return the arena map */
    public Level map() { return map; }

    /** @return player column (float, cells) */
    public float playerX() { return player.x; }

    /** @return player row */
    public float playerY() { return player.y; }

    /** @param alpha 0 (last step) .. 1 (this step) @return the player's column in between, for smooth drawing */
    public float playerX(float alpha) { return player.prevX + (player.x - player.prevX) * alpha; }

    /** @param alpha 0 (last step) .. 1 (this step) @return the player's row in between */
    public float playerY(float alpha) { return player.prevY + (player.y - player.prevY) * alpha; }

    /** @return player health */
    public int playerHp() { return Math.max(0, player.hp); }

    /** @return player maximum health */
    public int playerMaxHp() { return player.maxHp; }

    /** @return lives left (3 at the start of a run, 0 when it is over) */
    public int lives() { return player.lives; }

    /** @return times the player fell, over all runs */
    public long playerDeaths() { return player.falls; }

    /** @return whether hits cannot hurt the player now (dashing, or just got up) */
    public boolean invulnerable() { return player.invulnerable > 0; }

    /** @return whether a dash is under way */
    public boolean dashing() { return player.dashLeft > 0; }

    /** @return 1 when a dash is ready, less while it recharges */
    public float dashCharge() {
        return 1f - (float) player.dashRecharge / ArenaPlayer.dashCooldown(waves);
    }

    /** @return {@link #PLAYING}, {@link #CHOOSING} or {@link #OVER} */
    public int state() { return waves.state(); }

    /** @return the wave being fought (from 1) */
    public int wave() { return waves.wave(); }

    /** @return kills that end this wave */
    public int waveQuota() { return waves.quota(); }

    /** @return the player's kills in this wave */
    public int waveKills() { return waves.killsThisWave(); }

    /** @param place 0..2 @return the upgrade offered there while {@link #CHOOSING}, or -1 */
    public int offer(int place) { return waves.offer(place); }

    /** @param upgrade an {@link Upgrade} id @return its level in this run */
    public int upgradeLevel(int upgrade) { return waves.level(upgrade); }

    /** @return this run's score: 10 x wave per kill, 100 x wave per wave cleared */
    public long score() { return waves.score(); }

    /** @return the best score of the runs that ended */
    public long bestScore() { return bestScore; }

    /** @return the furthest wave reached in any run */
    public int bestWave() { return Math.max(bestWave, waves.wave()); }

    /** @return runs started (1 + restarts) */
    public long runs() { return runs; }

    /** @return enemies the player killed in this run */
    public long playerKills() { return playerKills; }

    /** @return seconds of play in this run (paused time not counted) */
    public float runSeconds() { return runSteps * DT; }

    /** @return enemies spawned so far */
    public long spawned() { return spawned; }

    /** @return enemies killed so far, by anyone */
    public long killed() { return killed; }

    /** @return most enemies alive at once */
    public int maxAlive() { return maxAlive; }

    /** @return steps done (paused ones included) */
    public long steps() { return steps; }

    /** @return duration of the last step in nanoseconds */
    public long lastStepNanos() { return lastStepNanos; }

    /** @return enemies wanted alive */
    public int wanted() { return wanted; }

    /** @return live projectiles */
    public int projectileCount() { return projectiles.count(); }

    /** @return live particles */
    public int particleCount() { return particles.count(); }

    /** @return address of the i-th live projectile (x, y floats first) */
    public long projectile(int i) { return projectiles.at(i); }

    /** @return address of the i-th live particle (x, y floats, then vx, vy, ttl, colour) */
    public long particle(int i) { return particles.at(i); }

    /** @return damage ring capacity */
    public int ringCapacity() { return ring.capacity(); }

    /** @return most events the ring held in a step */
    public int ringPeak() { return ring.peak(); }

    /** @return events refused because the ring was full */
    public long ringDropped() { return ring.dropped(); }

    /** @return events accepted so far */
    public long ringPushed() { return ring.pushed(); }

    /** @return spawns refused because a live list was full */
    public long shotsRefused() { return projectiles.refused() + particles.refused(); }

    /**
     * A hash of everything the game's outcome depends on: every enemy's position bits, health and type, the
     * player, the wave and the score. Two runs with the same seed and input give the same hash at every step.
     */
    public long stateHash() {
        long h = 0xcbf29ce484222325L;
        EnemyTable e = enemies;
        for (int r = 0; r < e.count(); r++) {
            h = (h ^ Float.floatToRawIntBits(e.x(r))) * 0x100000001b3L;
            h = (h ^ Float.floatToRawIntBits(e.y(r))) * 0x100000001b3L;
            h = (h ^ e.hp(r)) * 0x100000001b3L;
            h = (h ^ e.type(r)) * 0x100000001b3L;
        }
        h = (h ^ Float.floatToRawIntBits(player.x)) * 0x100000001b3L;
        h = (h ^ Float.floatToRawIntBits(player.y)) * 0x100000001b3L;
        h = (h ^ player.hp) * 0x100000001b3L;
        h = (h ^ player.lives) * 0x100000001b3L;
        h = (h ^ waves.wave()) * 0x100000001b3L;
        return (h ^ waves.score()) * 0x100000001b3L;
    }

    /**
     * The parallel part of a step as a team task, made once: which stage runs is a field, so a step allocates nothing.
     * Worker {@code w} of {@code k} takes rows {@code [n * w / k, n * (w + 1) / k)}; in the separation stage, every
     * {@code k}-th block of {@link #SEPARATE_BLOCK} rows from block {@code w}.
     */
    private final class StepTask implements FrameWorkers.Task {
        static final int STEER_AND_COUNT = 0;
        static final int SCATTER = 1;
        static final int SEPARATE = 2;
        static final int RESOLVE = 3;
        private int stage;
        private int rows;

        void run(int stage, int rows) {
            this.stage = stage;
            this.rows = rows;
            team.run(this);
        }

        @Override
        public void run(int worker, int workers, FrameArena own) {
            if (worker > 0 && own.budgetBytes() != WORKER_FRAME_BUDGET) {
                own.budget(WORKER_FRAME_BUDGET, FrameBudgetPolicy.WARN); // once per worker thread: its arena's own
            }
            int from = (int) ((long) rows * worker / workers);
            int to = (int) ((long) rows * (worker + 1) / workers);
            switch (stage) {
                case STEER_AND_COUNT:
                    own.beginPhase(PHASE_STEER);
                    steer(from, to);
                    own.endPhase();
                    own.beginPhase(PHASE_GRID);
                    grid.count(enemies, worker, from, to);
                    own.endPhase();
                    break;
                case SCATTER:
                    own.beginPhase(PHASE_GRID);
                    grid.scatter(enemies, worker, from, to);
                    own.endPhase();
                    break;
                case SEPARATE:
                    own.beginPhase(PHASE_SEPARATE);
                    // Blocks dealt round-robin, not halves: a row's cost is its crowd, and the crowd is not spread
                    // evenly over row order (at 50,000 one half took 25% longer). Blocks of SEPARATE_BLOCK rows keep
                    // each worker's writes on cache lines of their own.
                    for (int b = worker * SEPARATE_BLOCK; b < rows; b += workers * SEPARATE_BLOCK) {
                        separate(b, Math.min(rows, b + SEPARATE_BLOCK));
                    }
                    own.endPhase();
                    break;
                default:
                    own.beginPhase(PHASE_RESOLVE);
                    resolve(from, to);
                    own.endPhase();
                    break;
            }
        }
    }

    /** @return native bytes of the engine the arena lives in (all of it, not only the arena's) */
    public long engineNativeBytes() { return mem.nativeBytes(); }

    /** @return steps (and clears) in which the particle pool changed its slabs: a burst grew it, or it was compacted */
    public long memoryEvents() { return memoryEvents; }

    /** @return compactions of the particle pool after a burst */
    public long compactions() { return compactions; }

    /** @return slabs the last compaction gave back (before the pool was topped up to its reservation) */
    public int lastSlabsReturned() { return lastSlabsReturned; }

    /** @return particles the list holds at most */
    public int particleCapacity() { return particles.capacity(); }

    /** @return particle slots the pool reserves for ordinary play */
    public int particleReserve() { return particles.reserved(); }

    /** @return particle slots the pool holds now (its slabs) */
    public int particleSlots() { return particleSlots; }

    /** @return threads sharing the step (1: the calling thread alone) */
    public int workers() {
        return team == null ? 1 : team.size();
    }

    /** @return how long the step waited for the other workers at its last team run, in nanoseconds (0 with one) */
    public long lastWaitNanos() {
        return team == null ? 0 : team.lastWaitNanos();
    }

    /** Closes the pools, the simulation group and the map. */
    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
        projectiles.close();
        particles.close();
        group.close();
        map.close();
    }
}
