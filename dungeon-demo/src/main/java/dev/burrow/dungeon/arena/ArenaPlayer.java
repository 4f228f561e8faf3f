package dev.burrow.dungeon.arena;

/**
 * The player's state: where, facing which way, health and lives, the dash (a burst of speed that passes through
 * enemies, with a recharge) and invulnerability (while dashing and for two seconds after getting up), and what the
 * upgrades made of speed, fire rate and damage. Rules that need the map or the horde live in {@link ArenaSim}.
 */
final class ArenaPlayer {
    static final int LIVES = 3;
    static final int BASE_HP = 100;
    static final float BASE_SPEED = 6.5f;           // cells per second
    static final int DASH_STEPS = 7;                 // a dash covers 7 steps x 3.2 x speed / 30 = about 5 cells
    static final float DASH_BOOST = 3.2f;
    static final int DASH_COOLDOWN = 60;             // steps: two seconds before upgrades
    static final int DASH_GRACE = 4;                 // invulnerable steps after a dash ends
    static final int GET_UP_GRACE = 60;              // invulnerable steps after losing a life
    private static final int[] FIRE_INTERVAL = {6, 5, 4, 3, 3, 2}; // steps between volleys, by Rapid fire level

    float x;
    float y;
    float prevX;
    float prevY;
    float faceX = 1;
    float faceY;
    int hp;
    int maxHp;
    int lives;
    int invulnerable;
    int dashLeft;
    int dashRecharge;
    float dashX;
    float dashY;
    long falls;

    void reset(float startX, float startY) {
        x = startX;
        y = startY;
        prevX = startX;
        prevY = startY;
        faceX = 1;
        faceY = 0;
        maxHp = BASE_HP;
        hp = maxHp;
        lives = LIVES;
        invulnerable = 0;
        dashLeft = 0;
        dashRecharge = 0;
    }

    /** Starts a dash along (dx, dy) (unit length) if it has recharged. @return whether it started */
    boolean dash(float dx, float dy, Waves w) {
        if (dashRecharge > 0 || dashLeft > 0) {
            return false;
        }
        dashX = dx;
        dashY = dy;
        dashLeft = DASH_STEPS;
        dashRecharge = dashCooldown(w);
        invulnerable = Math.max(invulnerable, DASH_STEPS + DASH_GRACE);
        return true;
    }

    /** Counts down the dash, its recharge and invulnerability: once per step. */
    void tick() {
        if (dashLeft > 0) {
            dashLeft--;
        }
        if (dashRecharge > 0) {
            dashRecharge--;
        }
        if (invulnerable > 0) {
            invulnerable--;
        }
    }

    /**
     * Takes a hit unless invulnerable.
     *
     * @return true when this hit took the last hit point (the caller decides what a fall means)
     */
    boolean hurt(int amount) {
        if (invulnerable > 0 || hp <= 0) {
            return false;
        }
        hp -= amount;
        return hp <= 0;
    }

    /** After a fall with lives left: full health, a moment of grace. */
    void getUp() {
        hp = maxHp;
        invulnerable = GET_UP_GRACE;
        dashRecharge = 0;
    }

    float speed(Waves w) {
        float s = BASE_SPEED * (1f + 0.12f * w.level(Upgrade.SWIFT));
        return dashLeft > 0 ? s * DASH_BOOST : s;
    }

    static int fireInterval(Waves w) {
        return FIRE_INTERVAL[w.level(Upgrade.RAPID_FIRE)];
    }

    static int volley(Waves w) {
        return 1 + w.level(Upgrade.VOLLEY);
    }

    static int damage(Waves w) {
        return 6 + 4 * w.level(Upgrade.HEAVY_SHOTS);
    }

    static int dashCooldown(Waves w) {
        int c = DASH_COOLDOWN;
        for (int i = 0; i < w.level(Upgrade.QUICK_DASH); i++) {
            c = c * 4 / 5;
        }
        return c;
    }

    /** Vitality: more to lose, and everything back. */
    void vitality() {
        maxHp += 25;
        hp = maxHp;
    }
}
