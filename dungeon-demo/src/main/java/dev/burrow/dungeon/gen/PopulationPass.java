package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass: population. Monsters, items and features from the depth-weighted tables, and torches, each on a free plain
 * cell (never impassable terrain, a door, the stairs or another entity); monsters keep their distance from the up
 * stairs. Torches then light what they can see ({@link Level#LIT}). Expects {@code c.dist} to hold walking
 * distances from the up stairs.
 */
final class PopulationPass {
    static final int TORCH_RADIUS = 6;
    static final int SAFE_RADIUS = 6;

    private PopulationPass() {
    }

    static void apply(GenContext c) {
        Level l = c.level;
        Population pop = c.assets.population();
        place(c, pop, Population.MONSTER, 3 + c.cells / 350 + c.depth / 2);
        place(c, pop, Population.ITEM, 2 + c.cells / 450);
        place(c, pop, Population.FEATURE, 1 + l.roomCount() / 5);
        int torches = 1 + l.roomCount() / 2;
        for (int t = 0, tries = 0; t < torches && tries < torches * 40; tries++) {
            int x = c.rng.range(1, c.width - 2);
            int y = c.rng.range(1, c.height - 2);
            if (free(l, x, y) && l.roomId(x, y) > 0 && besideWall(l, x, y) && l.addEntity(Population.TORCH, 0, x, y, 0) >= 0) {
                t++;
            }
        }
        Fov.Visitor light = (x, y) -> l.addFlags(x, y, Level.LIT);
        for (int i = 0; i < l.entityCount(); i++) {
            if (l.entity(i, 0) == Population.TORCH) {
                Fov.compute(l, l.entity(i, 2), l.entity(i, 3), TORCH_RADIUS, light);
            }
        }
    }

    private static void place(GenContext c, Population pop, int kind, int count) {
        Level l = c.level;
        for (int n = 0, tries = 0; n < count && tries < count * 40; tries++) {
            int x = c.rng.range(1, c.width - 2);
            int y = c.rng.range(1, c.height - 2);
            if (!free(l, x, y)) {
                continue;
            }
            if (kind == Population.MONSTER) {
                int d = MemoryUtil.memGetInt(c.dist + 4L * (y * c.width + x));
                if (d >= 0 && d < SAFE_RADIUS) {
                    continue;
                }
            }
            int type = pop.pick(kind, c.depth, c.rng);
            if (type < 0) {
                return;
            }
            int hp = kind == Population.MONSTER ? pop.table(kind).get(type).hp : 0;
            if (l.addEntity(kind, type, x, y, hp) >= 0) {
                n++;
            }
        }
    }

    private static boolean free(Level l, int x, int y) {
        int t = l.terrain(x, y);
        return (StairsPass.plain(t) || t == Terrain.RUBBLE) && l.entityAt(x, y) < 0;
    }

    private static boolean besideWall(Level l, int x, int y) {
        for (int k = 0; k < 4; k++) {
            if (l.terrain(x + Flood.dx(k), y + Flood.dy(k)) == Terrain.WALL) {
                return true;
            }
        }
        return false;
    }
}
