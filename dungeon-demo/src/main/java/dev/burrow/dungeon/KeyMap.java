package dev.burrow.dungeon;

import dev.burrow.dungeon.game.Action;
import org.lwjgl.glfw.GLFW;

/** GLFW keys to game actions: arrows, WASD, vi-keys (with diagonals), numpad, '.', '>', R, Enter, Esc. */
final class KeyMap {
    /** Not a game action: toggle the overlay. */
    static final int TOGGLE_OVERLAY = -2;

    private KeyMap() {
    }

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
}
