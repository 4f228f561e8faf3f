package dev.burrow.dungeon.gen;

/**
 * Pass: vaults. Prefabs allowed at the depth are drawn by weight, turned and mirrored when their file allows, and
 * stamped where their box (plus a margin) is untouched rock. Their doors go into the door table, their contents
 * become entities and floor items (keys and levers included), and the vault joins the room list at its entrance so
 * corridors reach it; later passes leave its cells alone.
 */
final class VaultPass {
    private VaultPass() {
    }

    static void apply(GenContext c) {
        int want = c.cells >= 2500 ? c.rng.range(c.theme.vaultsMin, c.theme.vaultsMax) + c.cells / 20_000 : 0;
        for (int v = 0; v < want; v++) {
            Vault vault = pick(c);
            if (vault == null) {
                return;
            }
            int r = vault.rotate ? c.rng.nextInt(4) : 0;
            boolean m = vault.mirror && c.rng.chance(50);
            int w = (r & 1) == 0 ? vault.width : vault.height;
            int h = (r & 1) == 0 ? vault.height : vault.width;
            if (w + 4 > c.width || h + 4 > c.height) {
                continue;
            }
            for (int tries = 0; tries < 30; tries++) {
                int x = c.rng.range(2, c.width - w - 2);
                int y = c.rng.range(2, c.height - h - 2);
                if (clear(c, x - 1, y - 1, w + 2, h + 2)) {
                    stamp(c, vault, x, y, w, h, r, m);
                    break;
                }
            }
        }
    }

    /** One content cell: a named or bound type as is, else a pick from the table a few depths deeper. */
    private static void fill(GenContext c, int content, int bound, int x, int y) {
        int kind = content == Vault.MONSTER ? Population.MONSTER
            : content == Vault.FEATURE || content == Vault.LEVER ? Population.FEATURE : Population.ITEM;
        int type = bound >= 0 ? bound
            : c.assets.population().pick(kind, c.depth + (content == Vault.TREASURE ? 4 : 2), c.rng); // vaults hold deeper things
        if (type >= 0) {
            PopulationPass.add(c, kind, type, x, y);
        }
    }

    private static Vault pick(GenContext c) {
        int total = 0;
        for (Vault v : c.assets.vaults()) {
            if (v.allowedAt(c.depth)) {
                total += v.weight;
            }
        }
        if (total == 0) {
            return null;
        }
        int roll = c.rng.nextInt(total);
        for (Vault v : c.assets.vaults()) {
            if (v.allowedAt(c.depth)) {
                roll -= v.weight;
                if (roll < 0) {
                    return v;
                }
            }
        }
        return null;
    }

    private static boolean clear(GenContext c, int x, int y, int w, int h) {
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                if (c.level.terrain(i, j) != Terrain.ROCK) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void stamp(GenContext c, Vault vault, int x, int y, int w, int h, int r, boolean m) {
        Level l = c.level;
        int id = l.roomCount() + 1;
        int ax = -1;
        int ay = -1;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int src = vault.cell(i, j, r, m);
                int t = vault.terrain[src];
                if (t < 0) {
                    continue;
                }
                int px = x + i;
                int py = y + j;
                if (Terrain.door(t)) {
                    l.addDoor(px, py, t);
                } else {
                    l.setTerrain(px, py, t);
                }
                l.addFlags(px, py, Level.VAULT);
                l.setRoomId(px, py, id);
                int content = vault.content[src];
                if (content == Vault.ENTRANCE && ax < 0) {
                    ax = px;
                    ay = py;
                } else if (content == Vault.TORCH) {
                    l.addEntity(Population.TORCH, 0, px, py, 0);
                } else if (content != Vault.NONE && content != Vault.ENTRANCE) {
                    fill(c, content, vault.type[src], px, py);
                }
            }
        }
        l.addRoom(x, y, w, h, RoomShapes.VAULT, ax, ay);
    }
}
