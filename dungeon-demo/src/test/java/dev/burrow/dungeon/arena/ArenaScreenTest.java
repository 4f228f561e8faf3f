package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.render.CellText;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

class ArenaScreenTest {

    /** @return the screen's text, rows joined by newlines, as a player would read it (80 columns) */
    private static String read(CellText t, int cols, int rows) {
        char[][] screen = new char[rows][cols];
        for (char[] r : screen) {
            java.util.Arrays.fill(r, ' ');
        }
        for (int i = 0; i < t.count(); i++) {
            long p = t.data() + (long) i * TileRenderer.SPRITE_BYTES;
            int x = (int) MemoryUtil.memGetFloat(p);
            int y = (int) MemoryUtil.memGetFloat(p + 4);
            int g = MemoryUtil.memGetInt(p + 8);
            if (x >= 0 && x < cols && y >= 0 && y < rows) {
                screen[y][x] = g >= 32 && g < 127 ? (char) g : '#';
            }
        }
        StringBuilder b = new StringBuilder();
        for (char[] r : screen) {
            b.append(r).append('\n');
        }
        return b.toString();
    }

    @Test
    void everyScreenIsWrittenWithoutGarbage() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(4 << 20));
             ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, 500)) {
            FrameArena f = mem.frame();
            ArenaScreen screen = new ArenaScreen();
            for (int state : new int[] {ArenaSim.PLAYING, ArenaSim.CHOOSING, ArenaSim.OVER}) {
                for (int i = 0; i < 20_000 && sim.state() != state; i++) {
                    if (state == ArenaSim.OVER && sim.state() == ArenaSim.CHOOSING) {
                        sim.input().choose(1);
                    }
                    f.begin();
                    sim.step(); // nobody at the keys: wave 1 is cleared by the player's own fire, then the horde wins
                    f.end();
                }
                assertEquals(state, sim.state());
                noGarbage(screen, sim, f, threads);
            }
        }
    }

    /** The status bar, the offer or end box (both halves of the screen) and the pause box: 0 B after warm-up. */
    private static void noGarbage(ArenaScreen screen, ArenaSim sim, FrameArena f, com.sun.management.ThreadMXBean threads) {
        for (boolean paused : new boolean[] {false, true}) {
            for (int playerRow = 3; playerRow < 44; playerRow += 20) {
                long sink = writeScreens(screen, sim, f, playerRow, paused, 20_000); // warm-up: C2 compiles it
                // A round that allocated is measured again (at most twice more): garbage the screens make fails every
                // round; a method C2 installs mid-round was seen to count 104 B once in a CI run (docs/jit.md).
                long allocated = -1;
                for (int round = 0; round < 3 && allocated != 0; round++) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    sink += writeScreens(screen, sim, f, playerRow, paused, 2_000);
                    allocated = threads.getCurrentThreadAllocatedBytes() - before;
                }
                assertEquals(0, allocated,
                    "state " + sim.state() + ", paused " + paused + ", player row " + playerRow + " (sink " + sink + ")");
            }
        }
    }

    private static long writeScreens(ArenaScreen screen, ArenaSim sim, FrameArena f, int playerRow, boolean paused, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            f.begin();
            sink += screen.build(sim, 80, 45, playerRow, paused, i % 2 == 0, f).count();
            f.end();
        }
        return sink;
    }

    @Test
    void boxesStayClearOfThePlayersRow() {
        for (int rows = 30; rows <= 80; rows++) { // 480 to 1280 pixels high
            for (int player = ArenaScreen.TOP_ROWS; player < rows - ArenaScreen.BOTTOM_ROWS; player++) {
                for (int h : new int[] {3, 8, 11}) {
                    int top = ArenaScreen.boxRow(rows, player, h);
                    assertTrue(top >= 0 && top + h <= rows - ArenaScreen.BOTTOM_ROWS,
                        "on screen: rows " + rows + " player " + player + " box " + top + "+" + h);
                    assertTrue(player < top - 1 || player > top + h, "clear of the player: rows " + rows + " player " + player
                        + " box " + top + "+" + h);
                }
            }
        }
    }

    @Test
    void statusOfferAndEndScreenSayWhatIsGoingOn() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(4 << 20));
             ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, 500)) {
            FrameArena f = mem.frame();
            ArenaScreen screen = new ArenaScreen();
            f.begin();
            String s = read(screen.build(sim, 80, 45, 23, false, true, f), 80, 45);
            f.end();
            assertTrue(s.contains("HP ") && s.contains("100/100") && s.contains("Lives @@@"), s);
            assertTrue(s.contains("Wave 1  kills 0/25  Score 0"), s);
            assertTrue(s.contains("AUTOPILOT  move to take over"), s);

            ArenaPilot pilot = new ArenaPilot();
            for (int i = 0; i < 9000 && sim.state() != ArenaSim.CHOOSING; i++) {
                f.begin();
                pilot.drive(sim);
                sim.step();
                f.end();
            }
            f.begin();
            s = read(screen.build(sim, 80, 45, 23, false, false, f), 80, 45);
            f.end();
            assertTrue(s.contains("cleared! Choose an upgrade:") && s.contains("press 1, 2 or 3"), s);
            assertTrue(s.contains(Upgrade.name(sim.offer(0))) && s.contains(Upgrade.effect(sim.offer(2))), s);
            assertTrue(s.contains("WASD move Space dash"), s);

            f.begin();
            s = read(screen.build(sim, 80, 45, 23, true, false, f), 80, 45);
            f.end();
            assertFalse(s.contains("PAUSED"), "the offer, not the pause notice, while choosing");
        }
    }
}
