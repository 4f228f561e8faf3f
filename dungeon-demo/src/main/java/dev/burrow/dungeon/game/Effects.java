package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;

/**
 * What items and features do: potions, scrolls and wands when used; fountains, altars and levers when the player
 * uses them; traps when stepped on. Numbers come from the population tables (amounts), so a balance change is a
 * data change.
 */
final class Effects {
    /** Lightning damage. */
    static final int LIGHTNING_MIN = 8;
    static final int LIGHTNING_MAX = 16;
    /** Turns a wand of slowness slows a monster. */
    static final int SLOW_TURNS = 20;

    private final Game g;

    Effects(Game g) {
        this.g = g;
    }

    /** @return whether a turn passed */
    boolean use(int slot) {
        Pack pack = g.pack;
        if (!pack.has(slot)) {
            return false;
        }
        int type = pack.type(slot);
        ItemType t = g.pop.item(type);
        switch (t.cls()) {
            case ItemType.POTION:
                drink(t);
                pack.consumeOne(slot);
                return true;
            case ItemType.SCROLL:
                read(t);
                pack.consumeOne(slot);
                return true;
            case ItemType.WAND:
                return zap(slot, t);
            case ItemType.WEAPON:
            case ItemType.ARMOUR:
                if (pack.equipped(slot)) {
                    pack.unequip(slot);
                    g.log.add(g.texts.takeOff[type], g.turn);
                } else {
                    pack.equip(slot);
                    g.log.add(t.cls() == ItemType.WEAPON ? g.texts.wield[type] : g.texts.wear[type], g.turn);
                }
                return true;
            case ItemType.KEY:
                g.log.add(g.texts.useKey, g.turn);
                return false;
            default:
                g.log.add(g.texts.useAmulet, g.turn);
                return false;
        }
    }

    private void drink(ItemType t) {
        Player p = g.player;
        switch (t.effect()) {
            case ItemType.HEAL:
                p.heal(t.amountMin());
                g.log.add(g.texts.quaffHeal, g.turn);
                break;
            case ItemType.HASTE:
                p.hasteTurns = Math.max(p.hasteTurns, t.amountMin());
                g.log.add(g.texts.quaffHaste, g.turn);
                break;
            case ItemType.TELEPATHY:
                p.telepathyTurns = Math.max(p.telepathyTurns, t.amountMin());
                g.log.add(g.texts.quaffTelepathy, g.turn);
                break;
            case ItemType.LEVITATION:
                p.levitationTurns = Math.max(p.levitationTurns, t.amountMin());
                g.log.add(g.texts.quaffLevitation, g.turn);
                break;
            default: // LIFE
                p.maxHp += t.amountMin();
                p.hp = p.maxHp;
                g.log.add(g.texts.quaffLife, g.turn);
        }
    }

    private void read(ItemType t) {
        switch (t.effect()) {
            case ItemType.TELEPORT:
                teleport();
                g.log.add(g.texts.readTeleport, g.turn);
                break;
            case ItemType.MAPPING:
                map();
                g.log.add(g.texts.readMapping, g.turn);
                break;
            default: { // ENCHANT
                Pack pack = g.pack;
                int slot = pack.weapon() >= 0 ? pack.weapon() : pack.armour();
                if (slot < 0) {
                    g.log.add(g.texts.readEnchantNothing, g.turn);
                } else {
                    dev.burrow.dungeon.gen.ItemRecord.setBonus(pack.record(slot), pack.bonus(slot) + 1);
                    g.log.add(slot == pack.weapon() ? g.texts.readEnchantWeapon : g.texts.readEnchantArmour, g.turn);
                }
            }
        }
    }

    /** @return whether a turn passed (an empty wand or no target costs none) */
    private boolean zap(int slot, ItemType t) {
        if (g.pack.amount(slot) <= 0) {
            g.log.add(g.texts.wandEmpty, g.turn);
            return false;
        }
        int e = g.nearestVisibleMonster();
        if (e < 0) {
            g.log.add(g.texts.noTarget, g.turn);
            return false;
        }
        dev.burrow.dungeon.gen.ItemRecord.setAmount(g.pack.record(slot), g.pack.amount(slot) - 1);
        int type = g.level.entity(e, Level.E_TYPE);
        g.combat.wake(e);
        if (t.effect() == ItemType.LIGHTNING) {
            g.combat.damageMonster(e, g.rng.range(LIGHTNING_MIN, LIGHTNING_MAX), g.texts.lightning[type]);
        } else {
            g.level.setEntity(e, Level.E_TIMER, SLOW_TURNS);
            g.log.add(g.texts.slowed[type], g.turn);
        }
        return true;
    }

    /** Moves the player to a random walkable, empty cell far enough to matter. */
    void teleport() {
        Level l = g.level;
        for (int tries = 0; tries < 2000; tries++) {
            int x = g.rng.range(1, l.width() - 2);
            int y = g.rng.range(1, l.height() - 2);
            int t = l.terrain(x, y);
            if (Terrain.walkable(t) && t != Terrain.STAIRS_DOWN && t != Terrain.STAIRS_UP && !l.occupied(x, y)
                && Math.max(Math.abs(x - g.player.x), Math.abs(y - g.player.y)) > 10) {
                g.player.x = x;
                g.player.y = y;
                return;
            }
        }
    }

    /** Magic mapping: every cell that is not solid rock becomes remembered; secret doors and hidden traps show. */
    private void map() {
        Level l = g.level;
        int cells = l.width() * l.height();
        for (int i = 0; i < cells; i++) {
            if (l.terrainAt(i) != Terrain.ROCK) {
                l.setFlagsAt(i, l.flagsAt(i) | Level.REMEMBERED);
            }
        }
        for (int d = 0; d < l.doorCount(); d++) {
            if (l.door(d, 2) == Terrain.DOOR_SECRET) {
                l.setDoor(d, Terrain.DOOR_CLOSED);
            }
        }
        for (int e = 0; e < l.entityCount(); e++) {
            if (l.entity(e, Level.E_KIND) == Population.FEATURE) {
                l.setEntity(e, Level.E_STATE, l.entity(e, Level.E_STATE) & ~Level.FEATURE_HIDDEN);
                l.mapChanged();
            }
        }
    }

    /** Uses the fountain, altar or lever entity {@code e} the player stands on. @return whether a turn passed */
    boolean useFeature(int e) {
        Level l = g.level;
        int type = l.entity(e, Level.E_TYPE);
        FeatureType f = g.pop.feature(type);
        int state = l.entity(e, Level.E_STATE);
        boolean used = (state & Level.FEATURE_USED) != 0;
        switch (f.kind()) {
            case FeatureType.FOUNTAIN:
                if (used) {
                    g.log.add(g.texts.fountainDry, g.turn);
                    return false;
                }
                g.player.heal(g.player.maxHp * f.amountMin() / 100);
                l.setEntity(e, Level.E_STATE, state | Level.FEATURE_USED);
                g.log.add(g.texts.fountainDrink, g.turn);
                return true;
            case FeatureType.ALTAR: {
                if (used) {
                    g.log.add(g.texts.altarSpent, g.turn);
                    return false;
                }
                int weapon = g.pack.weapon();
                int cost = f.amountMin() * g.depth;
                if (weapon < 0) {
                    g.log.add(g.texts.altarNoWeapon, g.turn);
                    return false;
                }
                if (g.player.gold < cost) {
                    g.log.add(g.texts.altarWants, cost, g.texts.altarWantsTail, g.turn);
                    return false;
                }
                g.player.gold -= cost;
                dev.burrow.dungeon.gen.ItemRecord.setBonus(g.pack.record(weapon), g.pack.bonus(weapon) + 1);
                l.setEntity(e, Level.E_STATE, state | Level.FEATURE_USED);
                g.log.add(g.texts.altarBless, cost, g.texts.altarBlessTail, g.turn);
                return true;
            }
            case FeatureType.LEVER:
                if (used) {
                    g.log.add(g.texts.leverSpent, g.turn);
                    return false;
                }
                raiseGates(l.roomId(l.entity(e, Level.E_X), l.entity(e, Level.E_Y)));
                l.setEntity(e, Level.E_STATE, state | Level.FEATURE_USED);
                g.log.add(g.texts.leverPull, g.turn);
                return true;
            default:
                return false; // a trap is not used, it is stepped on
        }
    }

    /** Every gate of the lever's vault (the same room id) becomes floor. */
    private void raiseGates(int room) {
        Level l = g.level;
        int cells = l.width() * l.height();
        for (int i = 0; i < cells; i++) {
            int x = i % l.width();
            int y = i / l.width();
            if (l.terrainAt(i) == Terrain.GATE && l.roomId(x, y) == room) {
                l.setTerrain(x, y, Terrain.FLOOR);
            }
        }
    }

    /** The player stepped onto a trap entity (unless floating): it shows itself and hurts. */
    void springTrap(int e) {
        Level l = g.level;
        l.setEntity(e, Level.E_STATE, l.entity(e, Level.E_STATE) & ~Level.FEATURE_HIDDEN);
        l.mapChanged();
        if (g.player.levitationTurns > 0) {
            g.log.add(g.texts.trapFloat, g.turn);
            return;
        }
        FeatureType f = g.pop.feature(l.entity(e, Level.E_TYPE));
        g.log.add(g.texts.trapHits, g.turn);
        g.hurt(g.rng.range(f.amountMin(), f.amountMax()), g.texts.trapKilled);
    }
}
