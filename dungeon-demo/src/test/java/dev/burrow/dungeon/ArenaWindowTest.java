package dev.burrow.dungeon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The real arena in a real window (Xvfb + Mesa llvmpipe on CI), run as `dungeon-demo arena --pilot --frames N ...`. */
class ArenaWindowTest {
    private static final int DOCK = 480; // MemoryOverlay.dockedWidth(1280)

    @Test
    void theMapStopsAtTheDockedOverlayAndThePlayerShows(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("arena.png");
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            Child c = Child.run(display.name(), 300, "arena", "--pilot", "--seed", "1", "--frames", "400", "--screenshot", png.toString());
            assertEquals(0, c.exit, c.out);
            assertTrue(c.out.contains("screenshot " + png.toAbsolutePath()), c.out);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
        int mapEdge = 1280 - DOCK;
        long floorInMap = 0;
        long mapColoursInDock = 0;
        long player = 0;
        long textInDock = 0;
        long statusBar = 0;
        for (int y = 0; y < 720; y++) {
            for (int x = 0; x < 1280; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                boolean map = rgb == 0x161616 || rgb == 0x2e261e; // floor and pillar backgrounds
                if (x < mapEdge) {
                    floorInMap += map ? 1 : 0;
                    player += rgb == 0x203060 || rgb == 0x506090 ? 1 : 0; // the player's own tile, steady or blinking
                    statusBar += y < 32 && rgb == 0x10121a ? 1 : 0;
                } else if (x > mapEdge + 1) {
                    mapColoursInDock += map ? 1 : 0;
                    int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                    textInDock += lum > 400 ? 1 : 0;
                }
            }
        }
        assertTrue(floorInMap > 100_000, "the arena fills the left: " + floorInMap);
        assertEquals(0, mapColoursInDock, "nothing of the map under the docked overlay");
        assertTrue(textInDock > 2_000, "the overlay's text is there: " + textInDock);
        assertTrue(player >= 100, "the player's tile is on screen, uncovered: " + player + " pixels");
        assertTrue(statusBar > 10_000, "the status bar across the top: " + statusBar);
    }

    /**
     * Zero heap per steady frame, with one allowance the README documents (arena, "Measured"): a frame in which
     * freshly C2-compiled code first runs can count a few hundred bytes the program never allocated (here, like
     * the stress run's, at frames 1080 and 2047 in the overlay phase: once-per-frame methods reaching the JIT's
     * 1024/2048-invocation notifications). The rule is {@link SteadyHeap}'s.
     */
    @Test
    void steadyFramesAllocateNothingShownOrHiddenAndTheOverlayCostIsPrinted() throws Exception {
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            Child c = Child.run(display.name(), java.util.Map.of("BURROW_TRACE_FRAMES", "1"), 900, "arena", "--pilot", "--frames", "2300", "--overlay-ab");
            assertEquals(0, c.exit, c.out);
            Matcher m = Pattern.compile("steady frames (\\d+)  heap B/frame after warm-up: total (\\d+) worst (\\d+)").matcher(c.out);
            assertTrue(m.find(), c.out);
            assertTrue(Long.parseLong(m.group(1)) >= 1200, c.out);
            SteadyHeap.assertOnlyJitFrames(c.out, Long.parseLong(m.group(2)));
            assertTrue(Pattern.compile("overlay own cost ms p50 \\d+\\.\\d\\d p99 \\d+\\.\\d\\d over \\d+ frames").matcher(c.out).find(), c.out);
            Matcher ab = Pattern.compile("frame ms p50 overlay shown (\\d+\\.\\d\\d) hidden (\\d+\\.\\d\\d)").matcher(c.out);
            assertTrue(ab.find(), c.out);
            assertTrue(c.out.contains("enemies max alive 500"), c.out);
            assertTrue(c.out.contains("memory events after warm-up: 0 frames, 0 B of Java heap"),
                "500 enemies: the particle list fits its reservation, nothing grows or compacts: " + c.out);
            Matcher phases = Pattern.compile("phases of main \\(last frame bytes/allocs, peak high water\\):(.*)").matcher(c.out);
            assertTrue(phases.find(), c.out);
            for (String p : new String[] {"input", "step", "steer", "grid", "separate", "resolve", "draw", "overlay", "present"}) {
                assertTrue(Pattern.compile("  " + p + " \\d+/\\d+ \\d+").matcher(phases.group(1)).find(), p + ": " + phases.group(1));
            }
        }
    }

    /**
     * 50,000 enemies: the frame arena is sized from the count, so building the 822 x 548 map and drawing the horde
     * spill nowhere (it used to warn EM002 at start), and a correct run says nothing alarming.
     */
    @Test
    void aHugeHordeStartsWithoutAWarning() throws Exception {
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            Child c = Child.run(display.name(), 300, "arena", "--enemies", "50000", "--workers", "2", "--frames", "20", "--no-overlay");
            assertEquals(0, c.exit, c.out);
            assertFalse(c.out.contains("EM0"), c.out);
            assertFalse(c.out.contains("WARNING"), c.out);
            assertTrue(c.out.contains("phases of arena-worker-1 (last frame bytes/allocs, peak high water):  steer 0/0 0"), c.out);
            assertTrue(c.out.contains("budget 65536 B, over it in 0 frames"), c.out);
        }
    }

    @Test
    void badArenaCommandLinesAndSnapshotFilesFailInOneLineBeforeAWindow(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("burrow-snapshot-corrupt.json");
        Files.writeString(corrupt, "{\"schema\":1,\n\"native\":{\"bytes\":-3}}");
        Object[][] cases = {
            {2, "--overlay-ab needs the overlay and --frames of at least 1240", new String[] {"--overlay-ab", "--frames", "100"}},
            {2, "--overlay-ab needs the overlay", new String[] {"--overlay-ab", "--no-overlay", "--frames", "2000"}},
            {2, "--overlay-open: unknown section 'everything'", new String[] {"--overlay-open", "everything"}},
            {2, "--compare shows in the memory overlay", new String[] {"--compare", corrupt.toString(), "--no-overlay"}},
            {3, "--compare " + corrupt + ": native.bytes: -3 is negative", new String[] {"--compare", corrupt.toString()}},
            {3, "--compare " + dir.resolve("nothing-here.json") + ": no such file", new String[] {"--compare", dir.resolve("nothing-here.json").toString()}},
            {2, "--pilot", new String[] {"--pilot=yes"}},
        };
        for (Object[] k : cases) {
            String[] args = (String[]) k[2];
            String[] all = new String[args.length + 1];
            all[0] = "arena";
            System.arraycopy(args, 0, all, 1, args.length);
            Child c = Child.run(null, 60, all);
            String line = c.out.trim();
            assertEquals((int) k[0], c.exit, line);
            assertFalse(line.contains("\n"), "one line: " + line);
            assertTrue(line.startsWith("error: ") && line.contains((String) k[1]), line);
        }
    }

    @Test
    void withoutADisplayTheArenaSaysWhatToDoInOneLine() throws Exception {
        Child c = Child.run(null, 120, "arena", "--frames", "1");
        assertEquals(5, c.exit, c.out);
        assertTrue(c.out.trim().startsWith("error: no display"), c.out);
        assertFalse(c.out.trim().contains("\n"), c.out);
    }
}
