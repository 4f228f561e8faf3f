package dev.burrow.dungeon.gen;

import java.util.ArrayDeque;

/**
 * Proves a vault sound before it is ever stamped: every walkable cell of it can be reached from an entrance (doors,
 * locks and gates counted open), and its machine is solvable: walking only through what is open without a key or
 * a lever, every key and every lever must be reachable; there must be a key per locked door; gates need a lever and
 * a lever needs gates. Load-time only (plain Java collections are fine here).
 */
final class MachineCheck {
    private MachineCheck() {
    }

    /** @param mapLine the file line of the map's first row, for errors @throws AssetException naming what is wrong */
    static void check(Vault v, int mapLine) {
        int keys = 0;
        int levers = 0;
        int locks = 0;
        int gates = 0;
        for (int c = 0; c < v.content.length; c++) {
            keys += v.content[c] == Vault.KEY ? 1 : 0;
            levers += v.content[c] == Vault.LEVER ? 1 : 0;
            locks += v.terrain[c] == Terrain.DOOR_LOCKED ? 1 : 0;
            gates += v.terrain[c] == Terrain.GATE ? 1 : 0;
        }
        if (locks > keys) {
            throw new AssetException(v.file, mapLine, locks + " locked door(s) but " + keys + " key(s): each locked door needs a key in the vault");
        }
        if (gates > 0 && levers == 0) {
            throw new AssetException(v.file, mapLine, "the vault has gates but no lever to raise them");
        }
        if (levers > 0 && gates == 0) {
            throw new AssetException(v.file, mapLine, "the vault has a lever but no gates for it to raise");
        }
        boolean[] all = flood(v, true);
        for (int c = 0; c < v.content.length; c++) {
            if (v.terrain[c] >= 0 && Terrain.passable(v.terrain[c]) && !all[c]) {
                throw new AssetException(v.file, mapLine + c / v.width, "the " + Terrain.name(v.terrain[c]) + " in column "
                    + (c % v.width + 1) + " cannot be reached from an entrance (walled off inside the vault)");
            }
        }
        boolean[] reached = flood(v, false);
        for (int c = 0; c < v.content.length; c++) {
            if ((v.content[c] == Vault.KEY || v.content[c] == Vault.LEVER) && !reached[c]) {
                throw new AssetException(v.file, mapLine + c / v.width, "the " + (v.content[c] == Vault.KEY ? "key" : "lever")
                    + " in column " + (c % v.width + 1) + " cannot be reached from an entrance without passing a locked door or gate");
            }
        }
    }

    /** 4-connected flood over the vault's own passable cells from its entrances, through locks and gates or not. */
    private static boolean[] flood(Vault v, boolean throughLocks) {
        boolean[] reached = new boolean[v.content.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < v.content.length; c++) {
            if (v.content[c] == Vault.ENTRANCE) {
                reached[c] = true;
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            int c = queue.poll();
            int x = c % v.width;
            int y = c / v.width;
            for (int k = 0; k < 4; k++) {
                int nx = x + Flood.dx(k);
                int ny = y + Flood.dy(k);
                if (nx < 0 || ny < 0 || nx >= v.width || ny >= v.height) {
                    continue;
                }
                int n = ny * v.width + nx;
                int t = v.terrain[n];
                // Cells left to the level (-1) may be rock: only the vault's own cells count as a way.
                boolean open = t >= 0 && Terrain.passable(t) && (throughLocks || (t != Terrain.DOOR_LOCKED && t != Terrain.GATE));
                if (!reached[n] && open) {
                    reached[n] = true;
                    queue.add(n);
                }
            }
        }
        return reached;
    }
}
