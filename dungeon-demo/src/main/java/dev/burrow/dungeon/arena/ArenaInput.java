package dev.burrow.dungeon.arena;

/**
 * What the player wants this step: a movement direction (held keys, or the {@link ArenaPilot}), and one-shot
 * requests — dash, pick upgrade 1..3, play again — that stay pending until a step takes them (a frame may run no
 * step, or several). One object per arena, reused: setting it allocates nothing.
 */
public final class ArenaInput {
    private float moveX;
    private float moveY;
    private boolean dash;
    private int choice;
    private boolean restart;

    /** @param x -1 (west) .. 1 (east) @param y -1 (north) .. 1 (south); longer than 1 is scaled down to 1 */
    public void move(float x, float y) {
        float len2 = x * x + y * y;
        if (len2 > 1f) {
            float len = (float) Math.sqrt(len2);
            x /= len;
            y /= len;
        }
        moveX = Float.isFinite(x) ? x : 0;
        moveY = Float.isFinite(y) ? y : 0;
    }

    /** Asks for a dash at the next step that can take it. */
    public void dash() {
        dash = true;
    }

    /** @param n the upgrade offered in place 1, 2 or 3; anything else is ignored */
    public void choose(int n) {
        if (n >= 1 && n <= Waves.OFFERS) {
            choice = n;
        }
    }

    /** Asks for a new run once this one is over. */
    public void restart() {
        restart = true;
    }

    float moveX() { return moveX; }

    float moveY() { return moveY; }

    boolean takeDash() {
        boolean d = dash;
        dash = false;
        return d;
    }

    int takeChoice() {
        int c = choice;
        choice = 0;
        return c;
    }

    boolean takeRestart() {
        boolean r = restart;
        restart = false;
        return r;
    }
}
