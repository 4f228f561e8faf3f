package dev.burrow.dungeon.gen;

/** Pass: rock touching a passable cell (8 neighbours) becomes wall, so every open space is walled in. */
final class WallPass {
    private WallPass() {
    }

    static void apply(GenContext c) {
        Level l = c.level;
        for (int y = 0; y < c.height; y++) {
            for (int x = 0; x < c.width; x++) {
                if (l.terrain(x, y) != Terrain.ROCK) {
                    continue;
                }
                outer:
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (l.inBounds(nx, ny) && Terrain.passable(l.terrain(nx, ny))) {
                            l.setTerrain(x, y, Terrain.WALL);
                            break outer;
                        }
                    }
                }
            }
        }
    }
}
