package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Rng;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.LevelGroup;

/**
 * The horde: up to N enemies of four kinds in two factions chase the player and fight each other, the player
 * shoots back, hits throw particles. A fixed step of {@link #DT} seconds (30 Hz), independent of the frame rate.
 *
 * <h2>A step</h2>
 * <ol>
 *   <li>remember positions (rendering interpolates between this step and the last);</li>
 *   <li>spawn at the edges until N are alive (a wave refills what died);</li>
 *   <li>rebuild the spatial grid (counting sort in frame memory);</li>
 *   <li>enemies steer: toward the player, away from neighbours (separation), sliding along walls; adjacent ones
 *       strike the player or an enemy of the other faction, as events in the damage ring;</li>
 *   <li>the player fires at the nearest enemy; projectiles fly and hit (events); particles fade;</li>
 *   <li>the ring is drained: damage applied, the dead removed (swap-with-last) with a burst of particles.</li>
 * </ol>
 * <p>A step allocates no Java heap: enemies are columns in native memory ({@link EnemyTable}), projectiles and
 * particles are pool slots ({@link Shots}), scratch is frame memory rolled back at the end of the step.</p>
 */
public final class ArenaSim implements AutoCloseable {
    /** Seconds per step. */
    public static final float DT = 1f / 30;
    static final int TYPES = 4;
    private static final float[] SPEED = {4.0f, 3.2f, 5.0f, 2.4f};
    private static final int[] HP = {10, 16, 6, 30};
    private static final int[] HIT = {2, 3, 1, 5};
    private static final float RADIUS = 0.45f;
    private static final float SHOT_SPEED = 22f;

    private final EngineMemory mem;
    private final FrameArena frame;
    private final Level map;
    private final LevelGroup group;
    private final EnemyTable enemies;
    private final Shots projectiles;
    private final Shots particles;
    private final DamageRing ring;
    private final SpatialGrid grid;
    private final Rng rng;
    private int wanted;
    private float playerX;
    private float playerY;
    private int playerHp;
    private final int playerMaxHp = 500;
    private long spawned;
    private long killed;
    private long playerDeaths;
    private long steps;
    private int maxAlive;
    private long lastStepNanos;

    /**
     * @param mem the engine (the calling thread's frame arena is used for scratch)
     * @param assets generator data
     * @param seed the arena's seed
     * @param enemies N: enemies kept alive
     */
    public ArenaSim(EngineMemory mem, GenAssets assets, long seed, int enemies) {
        if (enemies < 1 || enemies > 1_000_000) {
            throw new IllegalArgumentException("enemies must be 1..1000000: " + enemies);
        }
        this.mem = mem;
        this.frame = mem.frame();
        int side = (int) Math.min(Generator.MAX_SIDE, Math.max(64, Math.ceil(Math.sqrt(enemies * 6.0))));
        int w = Math.min(Generator.MAX_SIDE, Math.max(100, side * 3 / 2));
        this.map = new Generator(assets).generateArena(mem, seed, w, side);
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
            shots = new Shots(mem, simGroup, "arena::projectiles", Math.max(256, enemies / 2));
            sparks = new Shots(mem, simGroup, "arena::particles", Math.max(1024, enemies * 4));
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
        this.rng = new Rng(seed, 0xA2E);
        this.wanted = enemies;
        this.playerX = map.width() / 2f + 0.5f;
        this.playerY = map.height() / 2f + 0.5f;
        this.playerHp = playerMaxHp;
    }

    /** One fixed step of {@link #DT}. Call inside a frame on the thread that made the arena. */
    public void step() {
        long t0 = System.nanoTime();
        long mark = frame.mark();
        try {
            remember();
            spawn();
            grid.rebuild(enemies, frame);
            moveEnemies();
            movePlayer();
            fire();
            hits();
            particles.advance(DT);
            applyDamage();
            if (enemies.count() > maxAlive) {
                maxAlive = enemies.count();
            }
            steps++;
        } finally {
            frame.rollback(mark);
        }
        lastStepNanos = System.nanoTime() - t0;
    }

    private void remember() {
        EnemyTable e = enemies;
        for (int r = 0; r < e.count(); r++) {
            EnemyTable.putF(e.px, r, EnemyTable.f(e.x, r));
            EnemyTable.putF(e.py, r, EnemyTable.f(e.y, r));
        }
    }

    private void spawn() {
        int budget = Math.max(20, wanted / 20); // a wave enters over about a second
        for (int tries = 0; enemies.count() < wanted && budget > 0 && tries < budget * 8; tries++) {
            int x;
            int y;
            if (rng.chance(50)) {
                x = rng.chance(50) ? rng.range(1, 6) : map.width() - 1 - rng.range(1, 6);
                y = rng.range(1, map.height() - 2);
            } else {
                x = rng.range(1, map.width() - 2);
                y = rng.chance(50) ? rng.range(1, 6) : map.height() - 1 - rng.range(1, 6);
            }
            if (!walkable(x, y)) {
                continue;
            }
            int t = rng.nextInt(TYPES);
            enemies.add(x + 0.5f, y + 0.5f, t, HP[t]);
            spawned++;
            budget--;
        }
    }

    private boolean walkable(int x, int y) {
        return map.inBounds(x, y) && Terrain.passable(map.terrain(x, y));
    }

    private void moveEnemies() {
        EnemyTable e = enemies;
        float r2 = (2 * RADIUS) * (2 * RADIUS);
        for (int r = 0; r < e.count(); r++) {
            float x = EnemyTable.f(e.x, r);
            float y = EnemyTable.f(e.y, r);
            int t = EnemyTable.i(e.type, r);
            float dx = playerX - x;
            float dy = playerY - y;
            float dist = (float) Math.sqrt(dx * dx + dy * dy) + 1e-4f;
            float wantX = dx / dist * SPEED[t];
            float wantY = dy / dist * SPEED[t];
            // Separation from neighbours, and a foe of the other faction to strike if one is touching.
            float sepX = 0;
            float sepY = 0;
            int foe = -1;
            int cell = grid.cellOf(x, y);
            int cx = cell % grid.cols;
            int cy = cell / grid.cols;
            for (int gy = Math.max(0, cy - 1); gy <= Math.min(grid.rows - 1, cy + 1); gy++) {
                for (int gx = Math.max(0, cx - 1); gx <= Math.min(grid.cols - 1, cx + 1); gx++) {
                    int c = gy * grid.cols + gx;
                    for (int k = grid.cellStart(c), end = grid.cellStart(c + 1); k < end; k++) {
                        int o = grid.item(k);
                        if (o == r) {
                            continue;
                        }
                        float ox = x - EnemyTable.f(e.x, o);
                        float oy = y - EnemyTable.f(e.y, o);
                        float d2 = ox * ox + oy * oy;
                        if (d2 < r2 && d2 > 1e-8f) {
                            float d = (float) Math.sqrt(d2);
                            float push = (2 * RADIUS - d) / d * 6f;
                            sepX += ox * push;
                            sepY += oy * push;
                            if (foe < 0 && (EnemyTable.i(e.type, o) & 1) != (t & 1)) {
                                foe = o;
                            }
                        }
                    }
                }
            }
            float vx = EnemyTable.f(e.vx, r) * 0.7f + (wantX + sepX) * 0.3f;
            float vy = EnemyTable.f(e.vy, r) * 0.7f + (wantY + sepY) * 0.3f;
            float nx = x + vx * DT;
            float ny = y + vy * DT;
            if (!walkable((int) nx, (int) y)) {
                nx = x;
                vx = 0;
            }
            if (!walkable((int) nx, (int) ny)) {
                ny = y;
                vy = 0;
            }
            EnemyTable.putF(e.x, r, nx);
            EnemyTable.putF(e.y, r, ny);
            EnemyTable.putF(e.vx, r, vx);
            EnemyTable.putF(e.vy, r, vy);
            int cool = EnemyTable.i(e.cooldown, r);
            if (cool > 0) {
                EnemyTable.putI(e.cooldown, r, cool - 1);
            } else if (dist < 1.0f) {
                ring.push(DamageRing.PLAYER, HIT[t], e.id(r));
                EnemyTable.putI(e.cooldown, r, 20);
            } else if (foe >= 0) {
                ring.push(e.id(foe), HIT[t], e.id(r));
                EnemyTable.putI(e.cooldown, r, 15);
            }
        }
    }

    private void movePlayer() {
        // The player circles the centre slowly, so the horde has to keep turning.
        float a = steps * DT * 0.25f;
        float cx = map.width() / 2f + (float) Math.cos(a) * 3;
        float cy = map.height() / 2f + (float) Math.sin(a) * 3;
        if (walkable((int) cx, (int) cy)) {
            playerX = cx;
            playerY = cy;
        }
        if (playerHp < playerMaxHp) {
            playerHp++;
        }
    }

    private void fire() {
        if (steps % 2 != 0 || enemies.count() == 0) {
            return;
        }
        for (int shot = 0; shot < 3; shot++) {
            int target = nearest(shot * 4f);
            if (target < 0) {
                return;
            }
            float dx = EnemyTable.f(enemies.x, target) - playerX;
            float dy = EnemyTable.f(enemies.y, target) - playerY;
            float d = (float) Math.sqrt(dx * dx + dy * dy) + 1e-4f;
            projectiles.spawn(playerX, playerY, dx / d * SHOT_SPEED, dy / d * SHOT_SPEED, 45, 6);
        }
    }

    /** @return the row of the nearest enemy at least {@code minDist} away, searching grid rings outward */
    private int nearest(float minDist) {
        int pc = grid.cellOf(playerX, playerY);
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
                int step = edgeRow ? 1 : Math.max(1, x1 - x0);
                for (int gx = x0; gx <= x1; gx += step) {
                    if (!edgeRow && gx != pcx - ringR && gx != pcx + ringR) {
                        continue;
                    }
                    int c = gy * grid.cols + gx;
                    int end = grid.cellStart(c + 1);
                    for (int k = grid.cellStart(c); k < end; k++) {
                        int o = grid.item(k);
                        float dx = EnemyTable.f(enemies.x, o) - playerX;
                        float dy = EnemyTable.f(enemies.y, o) - playerY;
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
        float hit2 = (RADIUS + 0.15f) * (RADIUS + 0.15f);
        for (int i = projectiles.count() - 1; i >= 0; i--) {
            long p = projectiles.at(i);
            float x = org.lwjgl.system.MemoryUtil.memGetFloat(p);
            float y = org.lwjgl.system.MemoryUtil.memGetFloat(p + 4);
            if (!walkable((int) x, (int) y)) {
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
                ring.push(enemies.id(victim), org.lwjgl.system.MemoryUtil.memGetInt(p + 20), 0);
                burst(x, y, 3, 0xffd040);
                projectiles.kill(i);
            }
        }
    }

    private void burst(float x, float y, int n, int rgb) {
        for (int i = 0; i < n; i++) {
            float a = rng.nextInt(628) / 100f;
            float s = 2f + rng.nextInt(40) / 10f;
            particles.spawn(x, y, (float) Math.cos(a) * s, (float) Math.sin(a) * s, 8 + rng.nextInt(10), rgb);
        }
    }

    private void applyDamage() {
        for (int i = 0; i < ring.size(); i++) {
            int target = ring.target(i);
            int amount = ring.amount(i);
            if (target == DamageRing.PLAYER) {
                playerHp -= amount;
                if (playerHp <= 0) {
                    playerHp = playerMaxHp;
                    playerDeaths++;
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
            } else {
                EnemyTable.putI(enemies.hp, row, hp);
            }
        }
        ring.clear();
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
    }

    /** @return the enemy table */
    public EnemyTable enemies() { return enemies; }

    /** @return the arena map */
    public Level map() { return map; }

    /** @return player column (float, cells) */
    public float playerX() { return playerX; }

    /** @return player row */
    public float playerY() { return playerY; }

    /** @return player health */
    public int playerHp() { return playerHp; }

    /** @return player maximum health */
    public int playerMaxHp() { return playerMaxHp; }

    /** @return times the player fell (and got up again) */
    public long playerDeaths() { return playerDeaths; }

    /** @return enemies spawned so far */
    public long spawned() { return spawned; }

    /** @return enemies killed so far */
    public long killed() { return killed; }

    /** @return most enemies alive at once */
    public int maxAlive() { return maxAlive; }

    /** @return steps done */
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

    /** Closes the pools, the simulation group and the map. */
    @Override
    public void close() {
        projectiles.close();
        particles.close();
        group.close();
        map.close();
    }
}
