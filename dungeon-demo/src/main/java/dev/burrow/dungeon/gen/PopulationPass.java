package dev.burrow.dungeon.gen;

/**
 * Pass: population. Monsters, items and features from the depth-weighted tables, and torches, each on a free plain
 * cell (never impassable terrain, a door, the stairs or another entity); monsters keep their distance from the up
 * stairs; items go to the level's {@link FloorItems}; half the traps are hidden. Torches (as many as the theme
 * says) then light what they can see ({@link Level#LIT}). Expects {@code c.dist} to hold walking distances from
 * the up stairs.
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
        int torches = (1 + l.roomCount() / 2) * c.theme.torches / 100;
        for (int t = 0, tries = 0; t < torches && tries < torches * 40; tries++) {
            int x = c.rng.range(1, c.width - 2);
            int y = c.rng.range(1, c.height - 2);
            if (free(l, x, y) && l.roomId(x, y) > 0 && besideWall(l, x, y) && l.addEntity(Population.TORCH, 0, x, y, 0) >= 0) {
                t++;
            }
        }
        Fov.Visitor light = (x, y) -> l.addFlags(x, y, Level.LIT);
        for (int i = 0; i < l.entityCount(); i++) {
            if (l.entity(i, Level.E_KIND) == Population.TORCH) {
                Fov.compute(l, l.entity(i, Level.E_X), l.entity(i, Level.E_Y), TORCH_RADIUS, light);
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
                int d = c.dist.get(y * c.width + x);
                if (d >= 0 && d < SAFE_RADIUS) {
                    continue;
                }
            }
            int type = pop.pick(kind, c.depth, c.rng);
            if (type < 0) {
                return;
            }
            if (add(c, kind, type, x, y)) {
                n++;
                if (kind == Population.MONSTER && pop.monster(type).has(MonsterType.PACK)) {
                    n += pack(c, type, x, y);
                }
            }
        }
    }

    /** One or two more of a pack monster on free cells around (x, y). @return how many were placed */
    private static int pack(GenContext c, int type, int x, int y) {
        int want = c.rng.range(1, 2);
        int placed = 0;
        for (int k = 0; k < 8 && placed < want; k++) {
            int nx = x + Flood.dx(k & 3) * (k < 4 ? 1 : 2);
            int ny = y + Flood.dy(k & 3) * (k < 4 ? 1 : 2);
            if (c.interior(nx, ny) && free(c.level, nx, ny) && add(c, Population.MONSTER, type, nx, ny)) {
                placed++;
            }
        }
        return placed;
    }

    /** Puts one monster, item or feature of a type on a free cell. @return whether it was placed */
    static boolean add(GenContext c, int kind, int type, int x, int y) {
        Level l = c.level;
        Population pop = c.assets.population();
        if (kind == Population.ITEM) {
            return l.items().roomToPlace() && ItemRoll.place(l, x, y, type, c.depth, c.rng, pop);
        }
        int e = l.addEntity(kind, type, x, y, kind == Population.MONSTER ? pop.monster(type).hp : 0);
        if (e >= 0 && kind == Population.FEATURE && pop.feature(type).kind == FeatureType.TRAP && c.rng.chance(50)) {
            l.setEntity(e, Level.E_STATE, Level.FEATURE_HIDDEN);
        }
        return e >= 0;
    }

    private static boolean free(Level l, int x, int y) {
        int t = l.terrain(x, y);
        return (StairsPass.plain(t) || t == Terrain.RUBBLE) && !l.occupied(x, y) && l.items().at(x, y) == 0;
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
