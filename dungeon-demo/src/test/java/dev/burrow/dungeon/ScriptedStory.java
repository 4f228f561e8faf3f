package dev.burrow.dungeon;

/**
 * The done-when game of issue 16, as keys: on seed 39, a thousand frames of the help screen opening and closing
 * (no turn passes: the JIT warms up on drawing, so the story below is measured), then walk to the potion in view and
 * pick it up (g), drink it (i c u), fight and explore until the character gains a level, take the stairs down (>
 * travels, > descends), climb back up to the kept level (<), and let the autopilot (F) fight until the character
 * dies; a hundred and twenty frames of the death screen close it. Found with a seeded bot; a change to the rules or
 * the tables may change the game it plays, which the headless twin ({@code ScriptedGameTest}) then names.
 */
public final class ScriptedStory {
    public static final long SEED = 39;
    public static final String SCRIPT = ". ?x1000 ux3 l g i c u Fx3 xx2 Fx4 xx4 F xx3 Fx8 x Fx11 xx3 Fx7 > Fx4 >x5 Fx7 >x2 Fx5"
        + " >x2 Fx3 > Fx3 > Fx4 > F >x2 < Fx59 .x120";
    public static final int FRAMES = 1800;

    private ScriptedStory() {
    }
}
