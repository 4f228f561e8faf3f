package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.ItemRoll;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.MonsterType;

/**
 * Blows and what they lead to. A hit lands with (accuracy - defence) percent, clamped to 5..95, so anything can
 * miss and anything can hit; damage is rolled in a range. The player's accuracy grows with character level and
 * weapon enchantment, their defence is five per point of armour; a kill gives experience, and enough of it a level
 * (more hit points, better aim). A slain monster sometimes leaves an item.
 */
final class Combat {
    /** Damage with bare hands. */
    static final int FIST_MIN = 1;
    static final int FIST_MAX = 2;
    /** Percent chance that a slain monster leaves an item. */
    static final int DROP_CHANCE = 15;

    private final Game g;

    Combat(Game g) {
        this.g = g;
    }

    static int clampChance(int percent) {
        return Math.max(5, Math.min(95, percent));
    }

    /** @return the player's defence: five per point of armour (worn armour's value plus its enchantment) */
    int playerDefence() {
        int slot = g.pack.armour();
        return slot < 0 ? 0 : 5 * (g.pop.item(g.pack.type(slot)).amountMin() + g.pack.bonus(slot));
    }

    /** @return the player's accuracy before a target's defence */
    int playerAccuracy() {
        int slot = g.pack.weapon();
        return g.player.baseAccuracy() + (slot < 0 ? 0 : 5 * g.pack.bonus(slot));
    }

    /** @return the least damage of the player's blow */
    int playerDamageMin() {
        int slot = g.pack.weapon();
        return slot < 0 ? FIST_MIN : g.pop.item(g.pack.type(slot)).amountMin() + g.pack.bonus(slot);
    }

    /** @return the most damage of the player's blow */
    int playerDamageMax() {
        int slot = g.pack.weapon();
        return slot < 0 ? FIST_MAX : g.pop.item(g.pack.type(slot)).amountMax() + g.pack.bonus(slot);
    }

    /** The player strikes monster {@code e}. */
    void playerAttacks(int e) {
        Level l = g.level;
        int type = l.entity(e, Level.E_TYPE);
        MonsterType t = g.pop.monster(type);
        wake(e);
        if (!g.rng.chance(clampChance(playerAccuracy() - t.defence()))) {
            g.log.add(g.texts.youMiss[type], g.turn);
            return;
        }
        damageMonster(e, g.rng.range(playerDamageMin(), playerDamageMax()), g.texts.youHit[type]);
    }

    /**
     * Deals damage to a monster (a blow, lightning): it dies at 0, giving experience and maybe an item.
     *
     * @param hitMessage said when it survives
     */
    void damageMonster(int e, int damage, String hitMessage) {
        Level l = g.level;
        int type = l.entity(e, Level.E_TYPE);
        int left = l.entity(e, Level.E_HP) - damage;
        if (left > 0) {
            l.setEntity(e, Level.E_HP, left);
            g.log.add(hitMessage, g.turn);
            return;
        }
        int x = l.entity(e, Level.E_X);
        int y = l.entity(e, Level.E_Y);
        l.removeEntity(e);
        g.player.kills++;
        g.log.add(g.texts.youKill[type], g.turn);
        gainXp(g.pop.monster(type).xp());
        if (g.rng.chance(DROP_CHANCE) && l.items().free(x, y)) {
            int item = g.pop.pick(dev.burrow.dungeon.gen.Population.ITEM, g.depth, g.rng);
            if (item >= 0) {
                ItemType it = g.pop.item(item);
                l.items().place(x, y, item, ItemRoll.amount(it, g.depth, g.rng), ItemRoll.bonus(it, g.depth, g.rng));
            }
        }
    }

    private void gainXp(int xp) {
        Player p = g.player;
        p.xp += xp;
        while (p.xp >= Player.xpForNext(p.level)) {
            p.level++;
            p.maxHp += Player.HP_PER_LEVEL;
            p.hp += Player.HP_PER_LEVEL;
            g.log.add(g.texts.levelUp, p.level, g.texts.levelUpTail, g.turn);
        }
    }

    /** Monster {@code e} strikes (or shoots at) the player. */
    void monsterAttacks(int e, boolean ranged) {
        int type = g.level.entity(e, Level.E_TYPE);
        MonsterType t = g.pop.monster(type);
        if (!g.rng.chance(clampChance(t.accuracy() - playerDefence()))) {
            g.log.add(ranged ? g.texts.shootMisses[type] : g.texts.missesYou[type], g.turn);
            return;
        }
        g.log.add(ranged ? g.texts.shootsYou[type] : g.texts.hitsYou[type], g.turn);
        g.hurt(g.rng.range(t.damageMin(), t.damageMax()), ranged ? g.texts.shotBy[type] : g.texts.killedBy[type]);
    }

    /** Wakes a monster (it was attacked, or noticed the player). */
    void wake(int e) {
        Level l = g.level;
        l.setEntity(e, Level.E_STATE, l.entity(e, Level.E_STATE) | Monsters.HUNTING);
    }
}
