package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.game.Pack;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;

/**
 * Turns key presses into game actions, by screen: the map, the pack, one item of it, the look cursor, the help
 * screen, and the end screen. While explore, travel, rest or search is under way any key stops it (and does
 * nothing else), as in Brogue. Holds only ints; no allocation per key.
 */
public final class Controller {
    public static final int MAP = 0;
    public static final int PACK = 1;
    public static final int ITEM = 2;
    public static final int LOOK = 3;
    public static final int HELP = 4;
    /** "Quit?": Esc or Q on the map asks first, so a key pressed once too often never ends a run. */
    public static final int QUIT_ASK = 5;

    /** {@link #key} result: nothing for the window to do. */
    public static final int CONTINUE = 0;
    /** {@link #key} result: quit. */
    public static final int QUIT = 1;
    /** {@link #key} result: show or hide the memory overlay. */
    public static final int TOGGLE_OVERLAY = 2;

    private final Game game;
    private int screen = MAP;
    private int item = -1;
    private int lookX;
    private int lookY;
    private int lookTarget = -1;

    /** @param game the game the keys drive */
    public Controller(Game game) {
        this.game = game;
    }

    /** @return the screen shown: {@link #MAP} .. {@link #QUIT_ASK} (the end screen is the game's state) */
    public int screen() { return screen; }

    /** @return the pack letter chosen on the item screen */
    public int item() { return item; }

    /** @return the look cursor's column */
    public int lookX() { return lookX; }

    /** @return the look cursor's row */
    public int lookY() { return lookY; }

    /**
     * Handles one key.
     *
     * @param k a {@link Keys} code
     * @return {@link #CONTINUE}, {@link #QUIT} or {@link #TOGGLE_OVERLAY}
     */
    public int key(int k) {
        if (k == Keys.F1) {
            return TOGGLE_OVERLAY;
        }
        if (game.state() != Game.PLAYING) {
            screen = MAP;
            if (k == Keys.ENTER) {
                game.act(Action.RESTART);
            }
            return k == Keys.ESC || k == 'Q' ? QUIT : CONTINUE;
        }
        if (game.busy()) {
            game.interrupt(); // a key stops travel, rest or search, and is not taken as a command
            return CONTINUE;
        }
        switch (screen) {
            case PACK: return packKey(k);
            case ITEM: return itemKey(k);
            case LOOK: return lookKey(k);
            case HELP:
                screen = MAP;
                return CONTINUE;
            case QUIT_ASK:
                screen = MAP; // y quits; any other key (Esc again too) goes back to the game and does nothing else
                return k == 'y' || k == 'Y' ? QUIT : CONTINUE;
            default: return mapKey(k);
        }
    }

    private int mapKey(int k) {
        int move = move(k);
        if (move != Action.NONE) {
            game.act(move);
            return CONTINUE;
        }
        switch (k) {
            case '.': case ' ': case Keys.KP + 5: game.act(Action.WAIT); break;
            case 'z': game.act(Action.REST); break;
            case 'f': game.act(Action.SEARCH); break;
            case 'x': game.act(Action.EXPLORE); break;
            case '>': game.act(Action.DESCEND); break;
            case '<': game.act(Action.ASCEND); break;
            case 'g': case ',': game.act(Action.PICKUP); break;
            case 'R': game.act(Action.REGENERATE); break;
            case 'G': game.act(Action.TOWARD_STAIRS); break;
            case 'F': game.act(Action.FIGHT); break;
            case 'i': screen = PACK; break;
            case '?': screen = HELP; break;
            case ';': startLook(); break;
            case 'Q': case Keys.ESC: screen = QUIT_ASK; break;
            default: break;
        }
        return CONTINUE;
    }

    private int packKey(int k) {
        if (k >= 'a' && k < 'a' + Pack.SLOTS && game.pack().has(k - 'a')) {
            item = k - 'a';
            screen = ITEM;
        } else if (k == Keys.ESC || k == 'i' || k == Keys.ENTER) {
            screen = MAP;
        }
        return CONTINUE;
    }

    private int itemKey(int k) {
        if (k == 'u' || k == Keys.ENTER) {
            screen = MAP;
            game.act(Action.USE, item);
        } else if (k == 'd') {
            screen = MAP;
            game.act(Action.DROP, item);
        } else if (k == Keys.ESC) {
            screen = PACK;
        }
        return CONTINUE;
    }

    private void startLook() {
        screen = LOOK;
        lookX = game.playerX();
        lookY = game.playerY();
        lookTarget = -1;
        nextTarget();
    }

    private int lookKey(int k) {
        int move = move(k);
        Level l = game.level();
        if (move != Action.NONE) {
            int nx = lookX + Action.dx(move);
            int ny = lookY + Action.dy(move);
            if (l.inBounds(nx, ny)) {
                lookX = nx;
                lookY = ny;
            }
        } else if (k == Keys.TAB) {
            nextTarget();
        } else if (k == Keys.ESC || k == ';' || k == Keys.ENTER) {
            screen = MAP;
        }
        return CONTINUE;
    }

    /** Moves the cursor to the next monster in view (cycling), or leaves it where it is. */
    private void nextTarget() {
        Level l = game.level();
        int n = l.entityCount();
        for (int step = 1; step <= n; step++) {
            int i = (lookTarget + step) % n;
            if (i < 0) {
                continue;
            }
            int x = l.entity(i, Level.E_X);
            int y = l.entity(i, Level.E_Y);
            if (l.entity(i, Level.E_KIND) == Population.MONSTER && game.shows(x, y)) {
                lookTarget = i;
                lookX = x;
                lookY = y;
                return;
            }
        }
    }

    /** @return the move a key means (vi-keys, WASD, arrows, numpad), or NONE */
    static int move(int k) {
        switch (k) {
            case 'k': case 'w': case Keys.UP: case Keys.KP + 8: return Action.MOVE_N;
            case 'j': case 's': case Keys.DOWN: case Keys.KP + 2: return Action.MOVE_S;
            case 'h': case 'a': case Keys.LEFT: case Keys.KP + 4: return Action.MOVE_W;
            case 'l': case 'd': case Keys.RIGHT: case Keys.KP + 6: return Action.MOVE_E;
            case 'y': case Keys.KP + 7: return Action.MOVE_NW;
            case 'u': case Keys.KP + 9: return Action.MOVE_NE;
            case 'b': case Keys.KP + 1: return Action.MOVE_SW;
            case 'n': case Keys.KP + 3: return Action.MOVE_SE;
            default: return Action.NONE;
        }
    }
}
