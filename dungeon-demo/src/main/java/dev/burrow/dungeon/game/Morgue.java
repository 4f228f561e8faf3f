package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The morgue file: how a game ended, the character, the pack, the last messages and the map around the end, as
 * text. Written once per game end (never in a steady frame) to a temporary file in the same folder and then renamed
 * over the final name, so a crash or a full disk never leaves a half-written morgue: either the whole file is
 * there or none is. Default folder: {@code $XDG_DATA_HOME/burrow/morgue} (else {@code ~/.local/share/burrow/morgue}).
 */
public final class Morgue {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private Morgue() {
    }

    /** @return the default morgue folder */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("burrow").resolve("morgue");
    }

    /**
     * Writes the morgue of a finished game.
     *
     * @param dir the folder (created when missing)
     * @param g the game, dead or won
     * @param now the time to name the file after
     * @return the file written
     * @throws IOException when the folder or the file cannot be written (nothing is left behind then)
     */
    public static Path write(Path dir, Game g, LocalDateTime now) throws IOException {
        String text = text(g, now);
        Files.createDirectories(dir);
        Path target = dir.resolve("morgue-" + STAMP.format(now) + "-seed" + g.seed() + "-game" + (g.restarts() + 1) + ".txt");
        Path tmp = Files.createTempFile(dir, ".morgue-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** @return the morgue's text */
    public static String text(Game g, LocalDateTime now) {
        StringBuilder b = new StringBuilder(8192);
        Player p = g.player();
        Texts t = g.texts();
        b.append("Burrow morgue, ").append(now.toLocalDate()).append(' ').append(now.toLocalTime().withNano(0)).append('\n');
        b.append("Seed ").append(g.seed()).append(", game ").append(g.restarts() + 1).append("\n\n");
        b.append(g.state() == Game.WON ? "Escaped" : "Died").append(" on depth ").append(g.depth()).append(" after ")
            .append(g.turn()).append(" turns: ").append(g.cause() != null ? g.cause() : "still playing").append(".\n");
        b.append("Score ").append(g.score()).append("  (gold ").append(p.gold()).append(", deepest depth ").append(p.deepest())
            .append(", kills ").append(p.kills()).append(g.state() == Game.WON ? ", escaped" : "").append(")\n\n");
        b.append("Character level ").append(p.level()).append("  XP ").append(p.xp()).append("  HP ").append(p.hp()).append('/')
            .append(p.maxHp()).append("  damage ").append(g.damageMin()).append('-').append(g.damageMax()).append("  accuracy ")
            .append(g.accuracy()).append("  defence ").append(g.defence()).append("\n\n");
        b.append("Pack:\n");
        Pack pack = g.pack();
        for (int i = 0; i < Pack.SLOTS; i++) {
            if (!pack.has(i)) {
                continue;
            }
            int type = pack.type(i);
            ItemType it = g.assets().population().item(type);
            b.append("  ").append((char) ('a' + i)).append(") ");
            if (pack.amount(i) > 1 && it.stacks()) {
                b.append(pack.amount(i)).append(' ').append(t.itemPlural[type]);
            } else {
                b.append(t.itemName[type]);
            }
            if (pack.bonus(i) != 0) {
                b.append(" +").append(pack.bonus(i));
            }
            if (it.cls() == ItemType.WAND) {
                b.append(" [").append(pack.amount(i)).append(" charges]");
            }
            if (pack.equipped(i)) {
                b.append(it.cls() == ItemType.WEAPON ? " (wielded)" : " (worn)");
            }
            b.append('\n');
        }
        b.append("\nLast messages:\n");
        MessageLog log = g.log();
        for (int back = 11; back >= 0; back--) {
            if (log.has(back)) {
                b.append("  ");
                log.appendTo(b, back);
                b.append('\n');
            }
        }
        b.append("\nThe level, as you knew it:\n");
        map(b, g);
        return b.toString();
    }

    /** The remembered part of the level, monsters in sight, the player as @. */
    private static void map(StringBuilder b, Game g) {
        Level l = g.level();
        Population pop = g.assets().population();
        for (int y = 0; y < l.height(); y++) {
            int end = b.length();
            for (int x = 0; x < l.width(); x++) {
                char c = ' ';
                if ((l.flags(x, y) & Level.REMEMBERED) != 0) {
                    c = Terrain.glyph(l.terrain(x, y));
                    int e = l.entityAt(x, y);
                    if (l.items().at(x, y) != 0) {
                        c = pop.item(dev.burrow.dungeon.gen.ItemRecord.type(l.items().record(l.items().at(x, y)))).glyph();
                    }
                    if (e >= 0 && (l.flags(x, y) & Level.VISIBLE) != 0 && l.entity(e, Level.E_KIND) == Population.MONSTER) {
                        c = pop.monster(l.entity(e, Level.E_TYPE)).glyph();
                    }
                }
                if (x == g.playerX() && y == g.playerY()) {
                    c = '@';
                }
                b.append(c);
                if (c != ' ') {
                    end = b.length();
                }
            }
            b.setLength(end);
            b.append('\n');
        }
    }
}
