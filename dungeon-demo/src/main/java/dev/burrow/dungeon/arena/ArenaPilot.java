package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Terrain;

/**
 * A player that plays by itself, for headless stress runs, scripted screenshots and demos: the same inputs a
 * person gives, decided from what is on screen, deterministic (no randomness, no clock) and allocation-free.
 *
 * <p>Each step it scores eight directions: enemies within {@value #SIGHT} cells weigh on the direction they are in
 * (the closer, the heavier, spilling onto the neighbouring directions), walls within four cells weigh on
 * directions that run into them, and it leans towards circling the arena's centre at about a third of its size
 * (kiting the horde round instead of backing into a corner) and towards the way it was already going. It walks the
 * lightest direction. It dashes when three or more enemies are within two cells and one within {@value #PANIC},
 * picks upgrades by a fixed preference (Vitality first when below half health) after reading the offer for
 * {@value #READ_STEPS} steps, and starts a new run {@value #READ_STEPS} steps after one ends, as a person would
 * (so a watched demo shows those screens).</p>
 */
public final class ArenaPilot {
    static final float SIGHT = 9f;
    static final float PANIC = 1.6f;
    /** Steps (1.5 s) it looks at an offer or the end screen before answering. */
    static final int READ_STEPS = 45;
    private static final float D = 0.70710677f;
    private static final float[] DX = {1, D, 0, -D, -1, -D, 0, D};
    private static final float[] DY = {0, D, 1, D, 0, -D, -1, -D};
    private static final int[] PREFERENCE = {
        Upgrade.VOLLEY, Upgrade.RAPID_FIRE, Upgrade.HEAVY_SHOTS, Upgrade.QUICK_DASH, Upgrade.SWIFT, Upgrade.VITALITY};
    private final float[] weight = new float[8];
    private int last = -1;
    private long dashes;
    private int reading;

    /** Sets {@code sim.input()} for the next step. */
    public void drive(ArenaSim sim) {
        ArenaInput in = sim.input();
        if (sim.state() != ArenaSim.PLAYING) {
            in.move(0, 0);
            last = -1;
            if (++reading >= READ_STEPS) {
                reading = 0;
                if (sim.state() == ArenaSim.OVER) {
                    in.restart();
                } else {
                    in.choose(pick(sim));
                }
            }
            return;
        }
        reading = 0;
        java.util.Arrays.fill(weight, 0f);
        int close = enemies(sim);
        walls(sim);
        orbit(sim);
        if (last >= 0) {
            weight[last] -= 0.25f; // hysteresis: no dithering between two equal directions
        }
        int best = 0;
        for (int s = 1; s < 8; s++) {
            if (weight[s] < weight[best]) {
                best = s;
            }
        }
        last = best;
        in.move(DX[best], DY[best]);
        if (close >= 3 && sim.dashCharge() >= 1f && !sim.dashing()) {
            in.dash();
            dashes++;
        }
    }

    /** Enemies weigh on their direction. @return how many are within two cells, when one is within {@link #PANIC} */
    private int enemies(ArenaSim sim) {
        EnemyTable e = sim.enemies();
        float px = sim.playerX();
        float py = sim.playerY();
        float sight2 = SIGHT * SIGHT;
        int within2 = 0;
        float nearest2 = Float.MAX_VALUE;
        for (int r = 0; r < e.count(); r++) {
            float dx = e.x(r) - px;
            float dy = e.y(r) - py;
            float d2 = dx * dx + dy * dy;
            if (d2 >= sight2) {
                continue;
            }
            nearest2 = Math.min(nearest2, d2);
            if (d2 < 4f) {
                within2++;
            }
            float w = 1f / ((float) Math.sqrt(d2) + 0.5f);
            int s = sector(dx, dy);
            weight[s] += w;
            weight[(s + 1) & 7] += w * 0.5f;
            weight[(s + 7) & 7] += w * 0.5f;
        }
        return nearest2 < PANIC * PANIC ? within2 : 0;
    }

    /** Directions that run into a wall within four cells weigh more, the nearer the wall. */
    private void walls(ArenaSim sim) {
        Level map = sim.map();
        float px = sim.playerX();
        float py = sim.playerY();
        for (int s = 0; s < 8; s++) {
            for (int k = 1; k <= 4; k++) {
                int x = (int) (px + DX[s] * k);
                int y = (int) (py + DY[s] * k);
                if (!map.inBounds(x, y) || !Terrain.passable(map.terrain(x, y))) {
                    weight[s] += 4f / k;
                    break;
                }
            }
        }
    }

    /** Lean towards circling the centre at a third of the arena's size: tangent plus a pull back to that radius. */
    private void orbit(ArenaSim sim) {
        float cx = sim.map().width() / 2f;
        float cy = sim.map().height() / 2f;
        float rx = sim.playerX() - cx;
        float ry = sim.playerY() - cy;
        float r = (float) Math.sqrt(rx * rx + ry * ry) + 1e-3f;
        float want = Math.min(sim.map().width(), sim.map().height()) / 3f;
        float tx = -ry / r;
        float ty = rx / r;
        float pull = Math.max(-1f, Math.min(1f, (r - want) / want)); // > 0: too far out, head in
        float gx = tx - rx / r * pull;
        float gy = ty - ry / r * pull;
        for (int s = 0; s < 8; s++) {
            weight[s] -= 0.35f * (DX[s] * gx + DY[s] * gy);
        }
    }

    /** The octant (0 = east, counting clockwise on screen, y down) of a direction, without trigonometry. */
    static int sector(float dx, float dy) {
        float ax = Math.abs(dx);
        float ay = Math.abs(dy);
        // tan(22.5 degrees) = 0.41421357: within it of an axis is that axis, else the diagonal between.
        if (ay <= ax * 0.41421357f) {
            return dx >= 0 ? 0 : 4;
        }
        if (ax <= ay * 0.41421357f) {
            return dy >= 0 ? 2 : 6;
        }
        if (dx >= 0) {
            return dy >= 0 ? 1 : 7;
        }
        return dy >= 0 ? 3 : 5;
    }

    private static int pick(ArenaSim sim) {
        boolean hurt = sim.playerHp() * 2 < sim.playerMaxHp();
        for (int round = hurt ? -1 : 0; round < PREFERENCE.length; round++) {
            int want = round < 0 ? Upgrade.VITALITY : PREFERENCE[round];
            for (int place = 0; place < Waves.OFFERS; place++) {
                if (sim.offer(place) == want) {
                    return place + 1;
                }
            }
        }
        return 1;
    }

    /** @return dashes asked for so far */
    public long dashes() {
        return dashes;
    }
}
