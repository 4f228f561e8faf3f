package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.FrameIntList;

/**
 * Actions that take many turns, one turn per call of {@link #step()}: auto-explore (walk to the nearest unexplored
 * edge or item, picking items up), travel to the stairs (exploring until they are found), rest, search. Any of them
 * stops when a monster comes into view or the player is hurt ({@link Game} calls {@link #stop()}), or when a key is
 * pressed. Paths use only what the player has seen, and avoid liquids, chasms and known traps. A search's path is
 * kept ({@link TravelPath}: promoted out of frame memory into a pool slot) and walked on the next turns until it no
 * longer holds, so a long walk searches the level once, not once a step.
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
    /** Path goal of explore while looking for the stairs (items are not targets then). */
    static final int SCOUT = 6;

    private final Game g;
    final TravelPath path;
    private int activity;
    private int count;

    Travel(Game g, TravelPath path) {
        this.g = g;
        this.path = path;
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

    /** Ends whatever is under way (and the path it followed). */
    void stop() {
        activity = NONE;
        path.drop();
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
        int goal = down ? TO_DOWN : TO_UP;
        int move = path.nextMove(goal, g);
        if (move == Action.NONE) {
            move = searchToStairs(l, sy * l.width() + sx, goal);
        }
        if (move == Action.NONE) {
            return explore(false); // seen from afar, the way there not yet: explore toward it
        }
        return moved(walk(move));
    }

    /** A distance map from the stairs over known ground; its way is kept. @return the first move, or NONE */
    private int searchToStairs(Level l, int stairs, int goal) {
        FrameIntList dist = DistanceMap.map(g.frame, l);
        FrameIntList queue = DistanceMap.queue(g.frame, l);
        int move = Action.NONE;
        for (int mode = DistanceMap.KNOWN; move == Action.NONE && mode <= DistanceMap.KNOWN_WITH_TRAPS; mode += 2) {
            DistanceMap.clear(dist, queue); // around known traps if there is a way, else over them
            DistanceMap.seed(dist, queue, stairs);
            DistanceMap.run(l, dist, queue, mode, Integer.MAX_VALUE, g.pop);
            move = DistanceMap.downhill(dist, l, g.player.x, g.player.y);
        }
        if (move != Action.NONE) {
            path.record(dist, goal, g);
        }
        return move;
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
        boolean packFull = g.pack.count() >= Pack.SLOTS;
        int goal = items ? EXPLORE : SCOUT;
        int move = path.nextMove(goal, g);
        if (move != Action.NONE && !target(l, path.target(), items && !packFull)) {
            path.drop(); // seen meanwhile, or picked up: search for the next one
            move = Action.NONE;
        }
        if (move == Action.NONE) {
            move = searchToExplore(l, items && !packFull, goal);
        }
        if (move == Action.NONE) {
            boolean stairsKnown = (l.flags(l.downX(), l.downY()) & Level.REMEMBERED) != 0;
            g.log.add(stairsKnown ? g.texts.explored : g.texts.exploredNoStairs, g.turn);
            stop();
            return false;
        }
        return moved(walk(move));
    }

    /** A distance map from every unexplored edge (and wanted item) at once; its way is kept. @return the first move */
    private int searchToExplore(Level l, boolean items, int goal) {
        int w = l.width();
        int cells = w * l.height();
        FrameIntList dist = DistanceMap.map(g.frame, l);
        FrameIntList queue = DistanceMap.queue(g.frame, l);
        int move = Action.NONE;
        for (int mode = DistanceMap.KNOWN; move == Action.NONE && mode <= DistanceMap.KNOWN_WITH_TRAPS; mode += 2) {
            DistanceMap.clear(dist, queue);
            for (int i = 0; i < cells; i++) {
                int x = i % w;
                int y = i / w;
                if (!DistanceMap.open(l, x, y, mode, g.pop) || (x == g.player.x && y == g.player.y)) {
                    continue;
                }
                if (target(l, i, items)) {
                    DistanceMap.seed(dist, queue, i);
                }
            }
            DistanceMap.run(l, dist, queue, mode, Integer.MAX_VALUE, g.pop);
            move = DistanceMap.downhill(dist, l, g.player.x, g.player.y);
        }
        if (move != Action.NONE) {
            path.record(dist, goal, g);
        }
        return move;
    }

    /** @return whether explore goes for a cell: an unexplored edge, or (with {@code items}) an item worth having */
    private static boolean target(Level l, int cell, boolean items) {
        if (cell < 0) {
            return false;
        }
        int w = l.width();
        return frontier(l, cell % w, cell / w) || (items && wanted(l, l.items().atCell(cell)));
    }

    /** @return whether explore should go for the item with this handle: any item but one the player dropped */
    private static boolean wanted(Level l, int handle) {
        return handle != 0 && (dev.burrow.dungeon.gen.ItemRecord.flags(l.items().record(handle)) & dev.burrow.dungeon.gen.ItemRecord.DROPPED) == 0;
    }

    /** One step of the way; a door it opens on the way does not spoil the kept path. @return whether a turn passed */
    private boolean walk(int move) {
        int version = g.level.mapVersion();
        boolean took = g.playerMove(move, false);
        path.stepped(version, g);
        return took;
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
