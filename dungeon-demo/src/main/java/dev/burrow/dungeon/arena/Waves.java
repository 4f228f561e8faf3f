package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.Rng;

/**
 * The run's rhythm: wave {@code w} ends when the player has killed its quota, then play pauses on an offer of
 * three upgrades; picking one starts wave {@code w + 1}, whose enemies are tougher and quicker. Also the run's
 * state (playing, choosing, over) and score.
 */
final class Waves {
    static final int OFFERS = 3;
    static final int PLAYING = 0;
    static final int CHOOSING = 1;
    static final int OVER = 2;
    private static final float TOUGHER = 1.25f;

    private final float quotaScale;
    private final int[] offer = new int[OFFERS];
    private final int[] levels = new int[Upgrade.COUNT];
    private int wave;
    private float toughness;
    private int killsThisWave;
    private int state;
    private long score;

    /** @param enemies N: bigger hordes need more kills per wave (square-root scale, so 50,000 is not 100x 500) */
    Waves(int enemies) {
        quotaScale = (float) Math.max(1, Math.sqrt(enemies / 500.0));
        reset();
    }

    void reset() {
        wave = 1;
        toughness = 1f;
        killsThisWave = 0;
        state = PLAYING;
        score = 0;
        java.util.Arrays.fill(levels, 0);
    }

    /** @return kills wave {@code w} asks for */
    int quota() {
        return Math.round((25 + 10 * (wave - 1)) * quotaScale);
    }

    /** A kill by the player: scores by wave, and may end the wave (an offer is drawn from {@code rng}). */
    void playerKill(Rng rng) {
        score += 10L * wave;
        if (state == PLAYING && ++killsThisWave >= quota()) {
            score += 100L * wave;
            draw(rng);
            state = CHOOSING;
        }
    }

    /** Three different upgrades not yet at their top level (fewer when fewer are left). */
    private void draw(Rng rng) {
        int n = 0;
        for (int tries = 0; n < OFFERS && tries < 64; tries++) {
            int u = rng.nextInt(Upgrade.COUNT);
            boolean dup = levels[u] >= Upgrade.MAX_LEVEL;
            for (int i = 0; i < n; i++) {
                dup |= offer[i] == u;
            }
            if (!dup) {
                offer[n++] = u;
            }
        }
        for (int i = n; i < OFFERS; i++) {
            offer[i] = -1;
        }
    }

    /**
     * @param place 1..3
     * @return the upgrade taken, or -1 when that place is empty or nothing is on offer
     */
    int choose(int place) {
        if (state != CHOOSING || place < 1 || place > OFFERS || offer[place - 1] < 0) {
            return -1;
        }
        int u = offer[place - 1];
        levels[u]++;
        wave++;
        toughness *= TOUGHER;
        killsThisWave = 0;
        state = PLAYING;
        return u;
    }

    void over() {
        state = OVER;
    }

    int state() { return state; }

    int wave() { return wave; }

    int killsThisWave() { return killsThisWave; }

    long score() { return score; }

    int level(int upgrade) { return levels[upgrade]; }

    /** @param place 0..2 @return the upgrade offered there, or -1 */
    int offer(int place) { return offer[place]; }

    /**
     * @return enemy health multiplier for this wave: 1.25^(wave-1), so the horde outgrows any set of upgrades. Kept
     *     as a running product: {@code StrictMath.pow} allocates scratch arrays for some arguments (JDK 17 FdLibm)
     */
    float toughness() {
        return toughness;
    }

    /** @return enemy hit multiplier for this wave */
    float ferocity() {
        return 1f + 0.15f * (wave - 1);
    }

    /** @return enemy speed multiplier for this wave (capped at 1.5: the fastest kind then outruns an un-upgraded player) */
    float quickness() {
        return Math.min(1.5f, 1f + 0.05f * (wave - 1));
    }
}
