package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Terrain;

/**
 * Actions that take many turns, one turn per call of {@link #step()}: auto-explore (walk to the nearest unexplored
 * edge or item, picking items up), travel to the stairs (exploring until they are found), rest, search. Any of them
 * stops when a monster comes into view or the player is hurt ({@link Game} calls {@link #stop()}), or when a key is
 * pressed. Paths use only what the player has seen, and avoid liquids, chasms and known traps.
 */
final class Travel {
    static final int NONE = 0;
    static final int EXPLORE = 1;
    static final int TO_DOWN = 2;
    static final int TO_UP = 3;
    static final int REST = 4;
    static final int SEARCH = 5;
    /** Turns a search lasts. */
    static final int SEARCH_TURNS = 5;
    /** Most turns of rest in one go. */
    static final int REST_TURNS = 300;

    private final Game g;
    private int activity;
    private int count;

    Travel(Game g) {
        this.g = g;
    }

    /** @return what is under way ({@link #NONE} when nothing) */
    int activity() {
        return activity;
    }

    /** Starts a many-turn action. @return false (with a message) when it cannot start now */
    boolean start(int what) {
        if ((what == EXPLORE || what == TO_DOWN || what == TO_UP) && g.awakeMonsterInView()) {
            g.log.add(g.texts.notWithMonster, g.turn);
            return false;
        }
        activity = what;
        count = 0;
        return true;
    }

    /** Ends whatever is under way. */
    void stop() {
        activity = NONE;
    }

    /** Plays one turn of the activity. @return whether a turn passed */
    boolean step() {
        switch (activity) {
            case REST:
                if (g.player.hp >= g.player.maxHp || ++count > REST_TURNS) {
                    g.log.add(g.texts.rested, g.turn);
                    stop();
                    return false;
                }
                return true;
            case SEARCH:
                boolean found = g.search();
                if (found) {
                    stop();
                } else if (++count >= SEARCH_TURNS) {
                    g.log.add(g.texts.searchNothing, g.turn);
                    stop();
                }
                return true;
            case TO_DOWN:
            case TO_UP:
                return toStairs(activity == TO_DOWN);
            case EXPLORE:
                return explore(true);
            default:
                return false;
        }
    }

    private boolean toStairs(boolean down) {
        Level l = g.level;
        int sx = down ? l.downX() : l.upX();
        int sy = down ? l.downY() : l.upY();
        if ((l.flags(sx, sy) & Level.REMEMBERED) == 0) {
            if (count++ == 0) {
                g.log.add(g.texts.lookForStairs, g.turn);
            }
            return explore(false);
        }
        if (g.player.x == sx && g.player.y == sy) {
            g.log.add(down ? g.texts.reachedDown : g.texts.reachedUp, g.turn);
            stop();
            return false;
        }
        int cells = l.width() * l.height();
        long dist = g.frame.alloc(cells * 4L, 64);
        long queue = g.frame.alloc(cells * 4L, 64);
        int move = Action.NONE;
        for (int mode = DistanceMap.KNOWN; move == Action.NONE && mode <= DistanceMap.KNOWN_WITH_TRAPS; mode += 2) {
            DistanceMap.clear(dist, cells); // around known traps if there is a way, else over them
            int tail = DistanceMap.seed(dist, queue, 0, sy * l.width() + sx);
            DistanceMap.run(l, dist, queue, tail, mode, Integer.MAX_VALUE, g.pop);
            move = DistanceMap.downhill(dist, l, g.player.x, g.player.y);
        }
        if (move == Action.NONE) {
            return explore(false); // seen from afar, the way there not yet: explore toward it
        }
        return moved(g.playerMove(move, false));
    }

    /**
     * One step toward the nearest unexplored edge or known item (all of them are sources of one map), picking up
     * an item when standing on it.
     *
     * @param items whether items are targets too (not when only looking for the stairs)
     */
    private boolean explore(boolean items) {
        Level l = g.level;
        if (items && wanted(l, l.items().at(g.player.x, g.player.y)) && g.pack.count() < Pack.SLOTS) {
            return g.pickUp(); // its turn; explore goes on next turn
        }
        int w = l.width();
        int cells = w * l.height();
        long dist = g.frame.alloc(cells * 4L, 64);
        long queue = g.frame.alloc(cells * 4L, 64);
        boolean packFull = g.pack.count() >= Pack.SLOTS;
        int move = Action.NONE;
        for (int mode = DistanceMap.KNOWN; move == Action.NONE && mode <= DistanceMap.KNOWN_WITH_TRAPS; mode += 2) {
            DistanceMap.clear(dist, cells);
            int tail = 0;
            for (int i = 0; i < cells; i++) {
                int x = i % w;
                int y = i / w;
                if (!DistanceMap.open(l, x, y, mode, g.pop) || (x == g.player.x && y == g.player.y)) {
                    continue;
                }
                if (frontier(l, x, y) || (items && !packFull && wanted(l, l.items().atCell(i)))) {
                    tail = DistanceMap.seed(dist, queue, tail, i);
                }
            }
            DistanceMap.run(l, dist, queue, tail, mode, Integer.MAX_VALUE, g.pop);
            move = DistanceMap.downhill(dist, l, g.player.x, g.player.y);
        }
        if (move == Action.NONE) {
            boolean stairsKnown = (l.flags(l.downX(), l.downY()) & Level.REMEMBERED) != 0;
            g.log.add(stairsKnown ? g.texts.explored : g.texts.exploredNoStairs, g.turn);
            stop();
            return false;
        }
        return moved(g.playerMove(move, false));
    }

    /** @return whether explore should go for the item with this handle: any item but one the player dropped */
    private static boolean wanted(Level l, int handle) {
        return handle != 0 && (dev.burrow.dungeon.gen.ItemRecord.flags(l.items().record(handle)) & dev.burrow.dungeon.gen.ItemRecord.DROPPED) == 0;
    }

    /** A step that did not happen (something in the way) ends the activity rather than trying forever. */
    private boolean moved(boolean took) {
        if (!took) {
            stop();
        }
        return took;
    }

    /** A remembered open cell next to a cell not yet seen (that is not solid rock). */
    private static boolean frontier(Level l, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (l.inBounds(nx, ny) && (l.flags(nx, ny) & Level.REMEMBERED) == 0 && l.terrain(nx, ny) != Terrain.ROCK) {
                    return true;
                }
            }
        }
        return false;
    }
}
