package dev.burrow.dungeon.gen;

/**
 * The arena layout: one open space filling the map, either a pillared hall (a grid of pillars) or a cave (the
 * border eaten by the cellular automaton, a few rock islands), walled in and connected like any level.
 */
final class ArenaPass {
    private ArenaPass() {
    }

    static void apply(GenContext c) {
        Level l = c.level;
        boolean cave = c.rng.chance(50);
        int id = l.addRoom(2, 2, c.width - 4, c.height - 4, cave ? RoomShapes.CAVE : RoomShapes.PILLARED, c.width / 2, c.height / 2);
        for (int y = 2; y < c.height - 2; y++) {
            for (int x = 2; x < c.width - 2; x++) {
                l.setTerrain(x, y, Terrain.FLOOR);
                l.setRoomId(x, y, id);
            }
        }
        if (cave) {
            // Ragged edges: rock creeps in from the border where a noisy falloff says so, plus a few islands.
            for (int y = 2; y < c.height - 2; y++) {
                for (int x = 2; x < c.width - 2; x++) {
                    int edge = Math.min(Math.min(x - 2, c.width - 3 - x), Math.min(y - 2, c.height - 3 - y));
                    if (edge < 4 && c.rng.nextInt(4) >= edge) {
                        l.setTerrain(x, y, Terrain.ROCK);
                    }
                }
            }
            int islands = c.cells / 900;
            for (int i = 0; i < islands; i++) {
                int cx = c.rng.range(8, c.width - 9);
                int cy = c.rng.range(8, c.height - 9);
                int r = c.rng.range(1, 3);
                for (int y = cy - r; y <= cy + r; y++) {
                    for (int x = cx - r; x <= cx + r; x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r && Math.abs(x - c.width / 2) + Math.abs(y - c.height / 2) > 6) {
                            l.setTerrain(x, y, Terrain.ROCK);
                        }
                    }
                }
            }
        } else {
            for (int y = 6; y < c.height - 6; y += 6) {
                for (int x = 6; x < c.width - 6; x += 6) {
                    if (Math.abs(x - c.width / 2) + Math.abs(y - c.height / 2) > 6) {
                        l.setTerrain(x, y, Terrain.PILLAR);
                    }
                }
            }
        }
    }
}
