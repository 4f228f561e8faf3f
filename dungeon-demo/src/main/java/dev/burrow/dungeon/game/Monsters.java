package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.MonsterType;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.FrameIntList;

/**
 * The monsters' side of a turn, on an energy clock: each player action gives every monster its duration in energy
 * (100 for a normal action, 50 when hasted), and a monster acts whenever its energy reaches its speed, so a speed-50
 * jackal acts twice per turn and a speed-200 zombie every other turn (slowed monsters take twice as long). A
 * sleeping monster may wake when it sees the player; an awake one attacks when adjacent, shoots when it is ranged
 * and the player is in sight, else walks down a distance map from the player (flyers over water, lava and chasms).
 */
final class Monsters {
    /** E_STATE bit: awake and after the player. */
    static final int HUNTING = 1;
    /** How far monsters follow the player's scent. */
    static final int CHASE_RADIUS = 40;
    /** Percent chance per action that a sleeping monster in sight of the player wakes. */
    static final int WAKE_CHANCE = 50;
    /** Percent chance that a ranged monster in range shoots rather than steps closer. */
    static final int SHOOT_CHANCE = 70;
    /**
     * One turn in this many (at depth 1; fewer turns deeper, down to {@link #WANDERER_ODDS_DEEP}), a monster of the
     * depth arrives somewhere out of sight, already hunting: resting is not free.
     */
    static final int WANDERER_ODDS = 90;
    static final int WANDERER_ODDS_DEEP = 40;

    private final Game g;
    /** This turn's distance maps from the player (frame lists, made when first needed), or null. */
    private FrameIntList walkMap;
    private FrameIntList flyMap;

    Monsters(Game g) {
        this.g = g;
    }

    /** Gives every monster {@code time} energy and lets each act as often as that pays for. */
    void advance(int time) {
        Level l = g.level;
        walkMap = null;
        flyMap = null;
        for (int i = 0; i < l.entityCount() && !g.over(); i++) {
            if (l.entity(i, Level.E_KIND) != Population.MONSTER) {
                continue;
            }
            MonsterType t = g.pop.monster(l.entity(i, Level.E_TYPE));
            int energy = l.entity(i, Level.E_ENERGY) + time;
            int slow = l.entity(i, Level.E_TIMER);
            int speed = slow > 0 ? t.speed() * 2 : t.speed();
            while (energy >= speed && !g.over() && g.level == l) {
                energy -= speed;
                act(i, t);
                if (slow > 0) {
                    l.setEntity(i, Level.E_TIMER, --slow);
                    speed = slow > 0 ? t.speed() * 2 : t.speed();
                }
            }
            l.setEntity(i, Level.E_ENERGY, energy);
        }
    }

    /**
     * Sometimes a wandering monster arrives: drawn from the depth's table, on a walkable cell the player cannot see
     * and at least ten steps away, awake and after the player.
     */
    void maybeWanderer() {
        if (g.rng.nextInt(Math.max(WANDERER_ODDS_DEEP, WANDERER_ODDS - 5 * g.depth)) != 0) {
            return;
        }
        Level l = g.level;
        int type = g.pop.pick(Population.MONSTER, g.depth, g.rng);
        if (type < 0) {
            return;
        }
        for (int tries = 0; tries < 40; tries++) {
            int x = g.rng.range(1, l.width() - 2);
            int y = g.rng.range(1, l.height() - 2);
            if (Terrain.walkable(l.terrain(x, y)) && !l.occupied(x, y) && (l.flags(x, y) & Level.VISIBLE) == 0
                && Math.max(Math.abs(x - g.player.x), Math.abs(y - g.player.y)) >= 10) {
                int e = l.addEntity(Population.MONSTER, type, x, y, g.pop.monster(type).hp());
                if (e >= 0) {
                    l.setEntity(e, Level.E_STATE, HUNTING);
                }
                return;
            }
        }
    }

    private void act(int i, MonsterType t) {
        Level l = g.level;
        int mx = l.entity(i, Level.E_X);
        int my = l.entity(i, Level.E_Y);
        int px = g.player.x;
        int py = g.player.y;
        int type = l.entity(i, Level.E_TYPE);
        boolean inSight = (l.flags(mx, my) & Level.VISIBLE) != 0;
        if ((l.entity(i, Level.E_STATE) & HUNTING) == 0) {
            if (inSight && g.rng.chance(WAKE_CHANCE)) {
                g.combat.wake(i);
                g.log.add(g.texts.notices[type], g.turn);
            }
            return;
        }
        int dist = Math.max(Math.abs(mx - px), Math.abs(my - py));
        if (t.has(MonsterType.ERRATIC) && g.rng.nextInt(3) == 0) {
            wander(i, mx, my, t);
            return;
        }
        if (dist <= 1) {
            g.combat.monsterAttacks(i, false);
            return;
        }
        if (t.has(MonsterType.RANGED) && inSight && dist <= MonsterType.RANGE && g.rng.chance(SHOOT_CHANCE)) {
            g.combat.monsterAttacks(i, true);
            return;
        }
        step(i, mx, my, t.has(MonsterType.FLIES));
    }

    /** Walks one cell down the distance map toward the player, opening a closed door on the way. */
    private void step(int i, int mx, int my, boolean flies) {
        Level l = g.level;
        FrameIntList dist = map(flies);
        int here = DistanceMap.at(dist, l, mx, my);
        if (here < 0) {
            return; // too far, or no way: wait
        }
        int bestX = mx;
        int bestY = my;
        int best = here;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = mx + dx;
                int ny = my + dy;
                if ((dx | dy) == 0 || !l.inBounds(nx, ny)) {
                    continue;
                }
                int d = DistanceMap.at(dist, l, nx, ny);
                if (d >= 0 && d < best && free(nx, ny)) {
                    best = d;
                    bestX = nx;
                    bestY = ny;
                }
            }
        }
        if (best < here) {
            if (l.terrain(bestX, bestY) == Terrain.DOOR_CLOSED) {
                l.setDoor(l.doorAt(bestX, bestY), Terrain.DOOR_OPEN); // opening takes the move
            } else {
                l.moveEntity(i, bestX, bestY);
            }
        }
    }

    private void wander(int i, int mx, int my, MonsterType t) {
        Level l = g.level;
        int k = g.rng.nextInt(8);
        int nx = mx + Action.dx(Action.MOVE_N + k);
        int ny = my + Action.dy(Action.MOVE_N + k);
        if (l.inBounds(nx, ny) && free(nx, ny) && DistanceMap.open(l, nx, ny, t.has(MonsterType.FLIES) ? DistanceMap.FLY : DistanceMap.WALK, g.pop)
            && l.terrain(nx, ny) != Terrain.DOOR_CLOSED) {
            l.moveEntity(i, nx, ny);
        }
    }

    private boolean free(int x, int y) {
        return g.level.entityAt(x, y) < 0 && !(x == g.player.x && y == g.player.y);
    }

    /** The walking (or flying) distances from the player, computed once per turn, when first needed. */
    private FrameIntList map(boolean flies) {
        FrameIntList m = flies ? flyMap : walkMap;
        if (m != null) {
            return m;
        }
        Level l = g.level;
        m = DistanceMap.map(g.frame, l);
        FrameIntList queue = DistanceMap.queue(g.frame, l);
        DistanceMap.seed(m, queue, g.player.y * l.width() + g.player.x);
        DistanceMap.run(l, m, queue, flies ? DistanceMap.FLY : DistanceMap.WALK, CHASE_RADIUS, g.pop);
        if (flies) {
            flyMap = m;
        } else {
            walkMap = m;
        }
        return m;
    }

    /** @return whether monster {@code i} is awake */
    static boolean hunting(Level l, int i) {
        return (l.entity(i, Level.E_STATE) & HUNTING) != 0;
    }

}
