package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Population;

import java.util.List;

/** Every sentence the game can say, built once per monster and item type so turns never concatenate strings. */
final class Texts {
    final String[] youHit;
    final String[] youKill;
    final String[] hitsYou;
    final String[] notices;
    final String[] youSee;
    final String[] featureHere;
    final String youDie = "You die. Press Enter (or R) to start again.";
    final String doorOpens = "You open the door.";
    final String secretFound = "You find a secret door!";
    final String wallBump = "The way is blocked.";
    final String notOnStairs = "There are no stairs down here.";
    final String descend = "You descend deeper.";
    final String regenerate = "The dungeon shifts around you.";
    final String welcome = "Welcome to the burrow. Find the > stairs down.";
    final String restart = "You begin again.";

    Texts(GenAssets assets) {
        List<? extends Population.Entry> m = assets.population().table(Population.MONSTER);
        youHit = new String[m.size()];
        youKill = new String[m.size()];
        hitsYou = new String[m.size()];
        notices = new String[m.size()];
        for (int i = 0; i < m.size(); i++) {
            String n = m.get(i).name();
            youHit[i] = "You hit the " + n + ".";
            youKill[i] = "You kill the " + n + "!";
            hitsYou[i] = "The " + n + " hits you.";
            notices[i] = "The " + n + " notices you.";
        }
        List<? extends Population.Entry> it = assets.population().table(Population.ITEM);
        youSee = new String[it.size()];
        for (int i = 0; i < it.size(); i++) {
            youSee[i] = "You see a " + it.get(i).name() + " here.";
        }
        List<? extends Population.Entry> f = assets.population().table(Population.FEATURE);
        featureHere = new String[f.size()];
        for (int i = 0; i < f.size(); i++) {
            featureHere[i] = "There is a " + f.get(i).name() + " here.";
        }
    }
}
