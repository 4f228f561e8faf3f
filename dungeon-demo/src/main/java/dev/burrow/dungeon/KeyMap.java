package dev.burrow.dungeon;

import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.ui.Keys;
import org.lwjgl.glfw.GLFW;

/**
 * GLFW keys (with shift) to {@link Keys} codes, on a US layout: letters, digits and punctuation become their
 * character, shifted where shift makes another one ('.' gives '>', ',' gives '<', '/' gives '?'); Enter, Esc, Tab,
 * arrows, the numpad and F1 get their codes. The play screen's {@code Controller} decides what a code means;
 * {@link #action} is the arena's direct mapping to moves.
 */
final class KeyMap {
    /** Not a game action: toggle the overlay. */
    static final int TOGGLE_OVERLAY = -2;

    private KeyMap() {
    }

    /** The arena's keys: arrows, WASD, vi-keys (with diagonals), numpad, '.', '>', R, Enter, Esc, F1. */
    static int action(int key, int mods) {
        boolean shift = (mods & GLFW.GLFW_MOD_SHIFT) != 0;
        switch (key) {
            case GLFW.GLFW_KEY_UP: case GLFW.GLFW_KEY_W: case GLFW.GLFW_KEY_K: case GLFW.GLFW_KEY_KP_8: return Action.MOVE_N;
            case GLFW.GLFW_KEY_DOWN: case GLFW.GLFW_KEY_S: case GLFW.GLFW_KEY_J: case GLFW.GLFW_KEY_KP_2: return Action.MOVE_S;
            case GLFW.GLFW_KEY_LEFT: case GLFW.GLFW_KEY_A: case GLFW.GLFW_KEY_H: case GLFW.GLFW_KEY_KP_4: return Action.MOVE_W;
            case GLFW.GLFW_KEY_RIGHT: case GLFW.GLFW_KEY_D: case GLFW.GLFW_KEY_L: case GLFW.GLFW_KEY_KP_6: return Action.MOVE_E;
            case GLFW.GLFW_KEY_Y: case GLFW.GLFW_KEY_KP_7: return Action.MOVE_NW;
            case GLFW.GLFW_KEY_U: case GLFW.GLFW_KEY_KP_9: return Action.MOVE_NE;
            case GLFW.GLFW_KEY_B: case GLFW.GLFW_KEY_KP_1: return Action.MOVE_SW;
            case GLFW.GLFW_KEY_N: case GLFW.GLFW_KEY_KP_3: return Action.MOVE_SE;
            case GLFW.GLFW_KEY_PERIOD: return shift ? Action.DESCEND : Action.WAIT;
            case GLFW.GLFW_KEY_SPACE: case GLFW.GLFW_KEY_KP_5: return Action.WAIT;
            case GLFW.GLFW_KEY_R: return Action.REGENERATE;
            case GLFW.GLFW_KEY_ENTER: case GLFW.GLFW_KEY_KP_ENTER: return Action.RESTART;
            case GLFW.GLFW_KEY_ESCAPE: return Action.QUIT;
            case GLFW.GLFW_KEY_F1: return TOGGLE_OVERLAY;
            default: return Action.NONE;
        }
    }

    /** @return the key code, or -1 for a key the game does not use */
    static int code(int key, int mods) {
        boolean shift = (mods & GLFW.GLFW_MOD_SHIFT) != 0;
        if (key >= GLFW.GLFW_KEY_A && key <= GLFW.GLFW_KEY_Z) {
            return shift ? 'A' + key - GLFW.GLFW_KEY_A : 'a' + key - GLFW.GLFW_KEY_A;
        }
        if (key >= GLFW.GLFW_KEY_KP_1 && key <= GLFW.GLFW_KEY_KP_9) {
            return Keys.KP + 1 + key - GLFW.GLFW_KEY_KP_1;
        }
        switch (key) {
            case GLFW.GLFW_KEY_PERIOD: return shift ? '>' : '.';
            case GLFW.GLFW_KEY_COMMA: return shift ? '<' : ',';
            case GLFW.GLFW_KEY_SLASH: return shift ? '?' : '/';
            case GLFW.GLFW_KEY_SEMICOLON: return shift ? ':' : ';';
            case GLFW.GLFW_KEY_SPACE: return ' ';
            case GLFW.GLFW_KEY_ENTER: case GLFW.GLFW_KEY_KP_ENTER: return Keys.ENTER;
            case GLFW.GLFW_KEY_ESCAPE: return Keys.ESC;
            case GLFW.GLFW_KEY_TAB: return Keys.TAB;
            case GLFW.GLFW_KEY_UP: return Keys.UP;
            case GLFW.GLFW_KEY_DOWN: return Keys.DOWN;
            case GLFW.GLFW_KEY_LEFT: return Keys.LEFT;
            case GLFW.GLFW_KEY_RIGHT: return Keys.RIGHT;
            case GLFW.GLFW_KEY_F1: return Keys.F1;
            default: return -1;
        }
    }
}
