package dev.burrow.dungeon.game;

/**
 * The score: gold carried out of danger counts one point a piece, every depth reached a hundred, every kill twenty,
 * and escaping with the Amulet ten thousand. Shown in the sidebar, on the end screen and in the morgue file.
 */
public final class Score {
    public static final int PER_DEPTH = 100;
    public static final int PER_KILL = 20;
    public static final int FOR_ESCAPE = 10_000;

    private Score() {
    }

    /** @return the game's score as it stands */
    public static int of(Game g) {
        Player p = g.player();
        return p.gold() + PER_DEPTH * p.deepest() + PER_KILL * p.kills() + (g.state() == Game.WON ? FOR_ESCAPE : 0);
    }
}
