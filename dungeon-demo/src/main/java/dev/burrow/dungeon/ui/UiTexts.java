package dev.burrow.dungeon.ui;

/**
 * The screen's fixed words, as instance fields made once (a string literal in a rarely drawn line would allocate
 * the first time it is drawn, mid-game).
 */
final class UiTexts {
    final String depth = "Depth ";
    final String turn = "Turn ";
    final String hp = "HP ";
    final String slash = "/";
    final String level = "Level ";
    final String xp = "  XP ";
    final String gold = "Gold ";
    final String score = "  Score ";
    final String attack = "Hit ";
    final String percent = "%  ";
    final String dash = "-";
    final String damage = " dmg";
    final String defence = "Defence ";
    final String hasted = "Hasted ";
    final String telepathic = "Telepathic ";
    final String levitating = "Levitating ";
    final String pack = "Pack ";
    final String packKey = " (i)";
    final String more = "... more in the pack (i)";
    final String inView = "In view";
    final String nothingInView = " nothing";
    final String asleep = "asleep";
    final String hintLine = "Draught nearby: f searches";
    final String exploring = "Exploring...  any key stops";
    final String travelling = "Travelling...  any key stops";
    final String resting = "Resting...  any key stops";
    final String searching = "Searching...  any key stops";
    final String keys1 = "x explore  > < stairs  g get";
    final String keys2 = "i pack  ; look  f search";
    final String keys3 = "z rest  ? help  F1 memory";
    final String wielded = " (wielded)";
    final String worn = " (worn)";
    final String plus = " +";
    final String charges = " charges";
    final String open = " [";
    final String close = "]";
    final String letterSep = ") ";
    final String space = " ";
    final String times = " x";
    final String packTitle = "Your pack: press a letter to choose, Esc closes";
    final String packEmpty = "(empty)";
    final String itemKeysUse = "u/Enter: ";
    final String itemKeysDrop = "   d: drop   Esc: back";
    final String verbDrink = "drink";
    final String verbRead = "read";
    final String verbZap = "zap";
    final String verbWield = "wield";
    final String verbUnwield = "put away";
    final String verbWear = "wear";
    final String verbTakeOff = "take off";
    final String verbLook = "look at it";
    final String lookTitle = "Look: move the cursor, Tab: next monster, Esc: done";
    final String lookUnknown = "You have not seen this place.";
    final String lookYou = "You.";
    final String lookMonster = "A monster: ";
    final String lookItem = "On the floor: ";
    final String lookFeature = "Here: ";
    final String lookHunting = " (hunting you)";
    final String lookAsleep = " (asleep)";
    final String lookRemembered = " (remembered)";
    final String lookHp = " HP ";
    final String deadTitle = "You died";
    final String wonTitle = "You escaped the burrow!";
    final String endDepth = "Depth ";
    final String endTurns = "   Turns ";
    final String endKills = "   Kills ";
    final String endLevel = "Character level ";
    final String endGold = "   Gold ";
    final String endScore = "Score ";
    final String endMorgue = "Morgue: ";
    final String endKeys = "Enter: new game    Esc: quit";
    final String helpTitle = "Keys (any key closes)";
    final String[] help = {
        "move, attack, open    arrows, WASD, hjkl yubn, numpad",
        "wait a turn           . or space",
        "rest until healed     z",
        "search for secrets    f  (5 turns)",
        "explore               x  (picks up what it finds)",
        "stairs down / up      > / <  (travel there, then take them)",
        "pick up, use feature  g or ,",
        "pack, use, drop       i, then a letter, then u or d",
        "look                  ;  (Tab: next monster)",
        "memory overlay        F1",
        "regenerate the level  R  (a memory demonstration)",
        "autopilot             G (to the stairs), F (to a fight)",
        "quit (asks first)     Esc or Q",
        "",
        "Lava burns, deep water takes things from your pack, a chasm drops",
        "you a level: moving there asks twice. Keys open locked doors,",
        "levers raise gates. Bring the Amulet of Burrow up from depth 10.",
    };
}
