package dev.burrow.dungeon;

import dev.burrow.dungeon.arena.ArenaInput;
import dev.burrow.dungeon.render.GlWindow;
import org.lwjgl.glfw.GLFW;

/**
 * The arena's keys. Held: WASD or arrows move (diagonals by holding two). Pressed: Space or Shift dash, 1-3 pick an
 * upgrade, R or Enter play again after a fall, P pause, F1 the memory overlay, Esc quit.
 */
final class ArenaControls {
    static final int NONE = 0;
    static final int QUIT = 1;
    static final int TOGGLE_OVERLAY = 2;
    static final int PAUSE = 3;

    private ArenaControls() {
    }

    /** Applies a pressed key to the input. @return what the window should do about it: {@link #QUIT} etc. or {@link #NONE} */
    static int press(int key, ArenaInput in) {
        switch (key) {
            case GLFW.GLFW_KEY_SPACE: case GLFW.GLFW_KEY_LEFT_SHIFT: case GLFW.GLFW_KEY_RIGHT_SHIFT:
                in.dash();
                return NONE;
            case GLFW.GLFW_KEY_1: case GLFW.GLFW_KEY_KP_1: in.choose(1); return NONE;
            case GLFW.GLFW_KEY_2: case GLFW.GLFW_KEY_KP_2: in.choose(2); return NONE;
            case GLFW.GLFW_KEY_3: case GLFW.GLFW_KEY_KP_3: in.choose(3); return NONE;
            case GLFW.GLFW_KEY_R: case GLFW.GLFW_KEY_ENTER: case GLFW.GLFW_KEY_KP_ENTER:
                in.restart();
                return NONE;
            case GLFW.GLFW_KEY_P: return PAUSE;
            case GLFW.GLFW_KEY_F1: return TOGGLE_OVERLAY;
            case GLFW.GLFW_KEY_ESCAPE: return QUIT;
            default: return NONE;
        }
    }

    /** Reads the held movement keys into the input. @return whether any is held */
    static boolean hold(GlWindow w, ArenaInput in) {
        int x = (held(w, GLFW.GLFW_KEY_D, GLFW.GLFW_KEY_RIGHT) ? 1 : 0) - (held(w, GLFW.GLFW_KEY_A, GLFW.GLFW_KEY_LEFT) ? 1 : 0);
        int y = (held(w, GLFW.GLFW_KEY_S, GLFW.GLFW_KEY_DOWN) ? 1 : 0) - (held(w, GLFW.GLFW_KEY_W, GLFW.GLFW_KEY_UP) ? 1 : 0);
        in.move(x, y);
        return x != 0 || y != 0;
    }

    private static boolean held(GlWindow w, int a, int b) {
        return w.keyDown(a) || w.keyDown(b);
    }
}
