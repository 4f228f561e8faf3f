package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.MonsterType;
import dev.burrow.dungeon.gen.Population;

/**
 * Every sentence the game can say, built once per monster, item and feature type when the game starts, so turns
 * never concatenate strings (nor resolve a string literal the first time a rare line runs: that allocates too).
 * Messages with a number or a pack letter in them are two parts that the log joins ({@link MessageLog}).
 */
public final class Texts {
    // per monster type
    final String[] youHit;
    final String[] youMiss;
    final String[] youKill;
    final String[] hitsYou;
    final String[] missesYou;
    final String[] shootsYou;
    final String[] shootMisses;
    final String[] notices;
    final String[] comesIntoView;
    final String[] lightning;
    final String[] slowed;
    final String[] killedBy;
    final String[] shotBy;
    // per item type
    final String[] seeItem;
    final String[] pickedUp;
    final String[] dropped;
    final String[] wield;
    final String[] wear;
    final String[] takeOff;
    final String[] swept;
    /** Per item type: what it does, for the inventory. */
    public final String[] describe;
    /** Per item type: its name with spaces. */
    public final String[] itemName;
    /** Per item type: the plural ("potions of healing"). */
    public final String[] itemPlural;
    /** Per monster type: its name with spaces. */
    public final String[] monsterName;
    /** Per feature type: its name. */
    public final String[] featureName;
    // per feature type
    final String[] featureHere;

    final String letterClose = ").";
    final String period = ".";
    final String welcome = "Welcome to the burrow. Bring the Amulet of Burrow up from depth ";
    final String welcomeTail = " to the surface.";
    final String restart = "You begin again.";
    final String doorOpens = "You open the door.";
    final String secretFound = "You find a secret door!";
    final String trapFound = "You find a hidden trap!";
    final String wallBump = "The way is blocked.";
    final String locked = "The door is locked. A key would open it.";
    final String unlock = "You unlock the door with a key.";
    final String gateClosed = "Bars block the way: a lever somewhere raises them.";
    final String descend = "You descend to depth ";
    final String ascend = "You climb back up to depth ";
    final String keptLevel = "It is as you left it.";
    final String remadeLevel = "It has changed since you were here.";
    final String regenerate = "The dungeon shifts around you.";
    final String lookForStairs = "You look for the stairs.";
    final String reachedDown = "You reach the stairs down. Press > to descend.";
    final String reachedUp = "You reach the stairs up. Press < to climb.";
    final String notWithMonster = "Not with a monster in view.";
    final String explored = "Explored all you can reach. > travels to the stairs down.";
    final String exploredNoStairs = "Explored all you can reach, but no stairs down: a secret door? f searches.";
    final String noAmulet = "You will not leave without the Amulet of Burrow (depth ";
    final String noAmuletTail = ").";
    final String escape = "You climb into daylight with the Amulet of Burrow. You win!";
    final String nothingHere = "There is nothing here to pick up.";
    final String packFull = "Your pack is full.";
    final String goldFound = "You pick up ";
    final String goldTail = " gold.";
    final String fountainDrink = "You drink from the fountain and feel much better.";
    final String fountainDry = "The fountain is dry.";
    final String altarBless = "The altar takes ";
    final String altarBlessTail = " gold and blesses your weapon.";
    final String altarWants = "The altar asks for ";
    final String altarWantsTail = " gold to bless your weapon.";
    final String altarNoWeapon = "You wield no weapon for the altar to bless.";
    final String altarSpent = "The altar is silent now.";
    final String leverPull = "You pull the lever. Somewhere bars grind upward.";
    final String leverSpent = "The lever will not move again.";
    final String trapHits = "A trap springs! Darts hit you.";
    final String trapFloat = "You float over a trap.";
    final String quaffHeal = "You feel better.";
    final String quaffHaste = "You feel yourself speed up.";
    final String quaffTelepathy = "You sense the minds around you.";
    final String quaffLevitation = "You float up into the air!";
    final String quaffLife = "You feel more alive than ever.";
    final String hasteEnds = "You slow down.";
    final String telepathyEnds = "Your mind is alone again.";
    final String levitationEnds = "You float gently down.";
    final String readTeleport = "You are yanked elsewhere!";
    final String readMapping = "A map of the level forms in your mind.";
    final String readEnchantWeapon = "Your weapon glows blue.";
    final String readEnchantArmour = "Your armour glows blue.";
    final String readEnchantNothing = "Your hands tingle, then nothing.";
    final String noTarget = "No monster in sight to zap.";
    final String wandEmpty = "The wand has no charges left.";
    final String dropNoRoom = "There is no room to drop it here or next to you.";
    final String useKey = "Walk into a locked door to open it with a key.";
    final String useAmulet = "The Amulet is warm in your hand. Carry it up to the surface.";
    final String levelUp = "Welcome to level ";
    final String levelUpTail = "!";
    final String lavaWarn = "That is lava! Move there again to step in.";
    final String lavaBurn = "The lava burns you!";
    final String waterWarn = "Deep water: your pack may float away. Move there again to swim.";
    final String chasmWarn = "A chasm! Move there again to jump down.";
    final String fall = "You fall through the chasm!";
    final String rested = "You feel rested.";
    final String searchNothing = "You search the walls and find nothing.";
    final String hint = "A draught comes from the walls nearby: f searches.";
    final String youDie = "You die... Press Enter for a new game.";
    final String burned = "burned to death in lava";
    final String trapKilled = "killed by a trap";
    final String fellToDeath = "killed by a fall into a chasm";
    final String escaped = "escaped with the Amulet of Burrow";

    Texts(GenAssets assets) {
        Population pop = assets.population();
        int m = pop.monsterCount();
        youHit = new String[m];
        youMiss = new String[m];
        youKill = new String[m];
        hitsYou = new String[m];
        missesYou = new String[m];
        shootsYou = new String[m];
        shootMisses = new String[m];
        notices = new String[m];
        comesIntoView = new String[m];
        lightning = new String[m];
        slowed = new String[m];
        killedBy = new String[m];
        shotBy = new String[m];
        monsterName = new String[m];
        for (int i = 0; i < m; i++) {
            MonsterType t = pop.monster(i);
            String n = t.name();
            monsterName[i] = n;
            youHit[i] = "You hit the " + n + ".";
            youMiss[i] = "You miss the " + n + ".";
            youKill[i] = "You kill the " + n + "!";
            hitsYou[i] = "The " + n + " hits you.";
            missesYou[i] = "The " + n + " misses you.";
            shootsYou[i] = "The " + n + " shoots you.";
            shootMisses[i] = "The " + n + " shoots and misses.";
            notices[i] = "The " + n + " notices you.";
            comesIntoView[i] = capital(article(n)) + " comes into view.";
            lightning[i] = "Lightning strikes the " + n + ".";
            slowed[i] = "The " + n + " slows down.";
            killedBy[i] = "killed by " + article(n);
            shotBy[i] = "shot by " + article(n);
        }
        int it = pop.itemCount();
        seeItem = new String[it];
        pickedUp = new String[it];
        dropped = new String[it];
        wield = new String[it];
        wear = new String[it];
        takeOff = new String[it];
        swept = new String[it];
        describe = new String[it];
        itemName = new String[it];
        itemPlural = new String[it];
        for (int i = 0; i < it; i++) {
            ItemType t = pop.item(i);
            String n = t.name();
            itemName[i] = n;
            itemPlural[i] = plural(n);
            seeItem[i] = "You see " + article(n) + " here (g picks it up).";
            pickedUp[i] = "You pick up the " + n + " (";
            dropped[i] = "You drop the " + n + ".";
            wield[i] = "You wield the " + n + ".";
            wear[i] = "You put on the " + n + ".";
            takeOff[i] = t.cls() == ItemType.WEAPON ? "You put away the " + n + "." : "You take off the " + n + ".";
            swept[i] = "Your " + n + " floats away!";
            describe[i] = describe(t);
        }
        int f = pop.featureCount();
        featureHere = new String[f];
        featureName = new String[f];
        for (int i = 0; i < f; i++) {
            FeatureType t = pop.feature(i);
            featureName[i] = t.name();
            featureHere[i] = t.kind() == FeatureType.TRAP ? "There is a trap here." : "There is " + article(t.name()) + " here (g uses it).";
        }
    }

    private static String describe(ItemType t) {
        int lo = t.amountMin();
        int hi = t.amountMax();
        String range = lo == hi ? Integer.toString(lo) : lo + "-" + hi;
        switch (t.effect()) {
            case ItemType.HEAL: return "Drink: heals " + range + " hit points.";
            case ItemType.HASTE: return "Drink: you act twice as fast for " + range + " turns.";
            case ItemType.TELEPATHY: return "Drink: you sense every monster for " + range + " turns.";
            case ItemType.LEVITATION: return "Drink: you float over water, lava and chasms for " + range + " turns.";
            case ItemType.LIFE: return "Drink: " + range + " more maximum hit points, and full health.";
            case ItemType.TELEPORT: return "Read: takes you somewhere else on the level.";
            case ItemType.MAPPING: return "Read: shows you the level, secret doors and traps too.";
            case ItemType.ENCHANT: return "Read: +1 to your weapon (else your armour).";
            case ItemType.LIGHTNING: return "Zap: lightning at the nearest monster you see (8-16).";
            case ItemType.SLOW: return "Zap: the nearest monster you see acts at half speed.";
            default:
                break;
        }
        switch (t.cls()) {
            case ItemType.WEAPON: return "Wield: " + range + " damage a hit, +1 per enchantment (and to hit).";
            case ItemType.ARMOUR: return "Wear: armour " + range + ", +1 per enchantment; monsters hit you less.";
            case ItemType.KEY: return "Opens a locked door: walk into it.";
            case ItemType.AMULET: return "Carry it up the stairs from depth 1 to win.";
            default: return "Gold counts toward your score.";
        }
    }

    static String article(String n) {
        char c = Character.toLowerCase(n.charAt(0));
        return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ? "an " : "a ") + n;
    }

    static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String plural(String n) {
        int of = n.indexOf(" of ");
        if (of > 0) {
            return n.substring(0, of) + "s" + n.substring(of);
        }
        return n.endsWith("s") ? n : n + "s";
    }
}
