package dev.burrow.dungeon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The real game in a real window (Xvfb + Mesa llvmpipe on CI), run as `dungeon-demo play --frames N ...`. */
class PlayWindowTest {

    @Test
    void screenshotShowsTheMapAndTheOverlay(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("play.png");
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            Child c = Child.run(display.name(), 300, "play", "--seed", "3", "--frames", "240",
                "--script", "l l j j Gx120 > Gx60", "--screenshot", png.toString());
            // (walking, not fighting: with the fights of "Fx30" the character now dies on seed 3 and the death
            // screen covers the map this test looks for)
            assertEquals(0, c.exit, c.out);
            assertTrue(c.out.contains("screenshot " + png.toAbsolutePath()), c.out);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        int dockEdge = 1280 - 480; // MemoryOverlay.dockedWidth(1280)
        int sidebar = 300;           // the game's fixed sidebar, left of the map
        long mapInk = 0;
        long textInDock = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                if (x >= sidebar && x < dockEdge) {
                    mapInk += lum > 60 ? 1 : 0;
                } else if (x > dockEdge + 1) {
                    textInDock += lum > 400 ? 1 : 0;
                }
            }
        }
        assertTrue(colours.size() > 60, "not blank: " + colours.size() + " distinct colours");
        assertTrue(mapInk > 10_000, "the map is drawn between the sidebar and the overlay: " + mapInk + " lit pixels");
        assertTrue(textInDock > 2_000, "the overlay's text is there: " + textInDock);
    }

    /**
     * Zero heap per steady frame, measured over the whole frame (input polling and the buffer swap included), with
     * the one allowance docs/jit.md documents: a frame in which freshly compiled code first runs can count a few
     * bytes the program never allocated. Every counted byte must be in a traced frame, so nothing hides.
     */
    @Test
    void twoThousandFramesAfterWarmUpAllocateNoHeap() throws Exception {
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            Child c = Child.run(display.name(), java.util.Map.of("BURROW_TRACE_FRAMES", "1"), 900, "play", "--seed", "9",
                "--frames", "3000", "--script", "Fx3000");
            assertEquals(0, c.exit, c.out);
            Matcher m = Pattern.compile("steady frames (\\d+)  heap B/frame after warm-up: total (\\d+) worst (\\d+)").matcher(c.out);
            assertTrue(m.find(), c.out);
            long steady = Long.parseLong(m.group(1));
            assertTrue(steady >= 2000, "steady frames " + steady + ": " + c.out);
            SteadyHeap.assertOnlyJitFrames(c.out, Long.parseLong(m.group(2)));
            nativePhasesAndLwjglMemoryAreReported(c.out);
        }
    }

    /**
     * The summary lists the frame arena's phases from the snapshot (the loop's five, and the turn's own nested in
     * "turns"), LWJGL's memory is tracked (installed first thing in main: no EM901), and a normal exit leaves no
     * LWJGL memory of the game's own behind (no EM902).
     */
    private static void nativePhasesAndLwjglMemoryAreReported(String out) {
        assertTrue(out.contains("native by phase (frame arena of main)"), out);
        for (String phase : new String[] {"input", "turns", "map", "overlay", "present", "monsters", "fov"}) {
            Matcher row = Pattern.compile("\\n  " + phase + " +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)\\n").matcher(out);
            assertTrue(row.find(), "phase " + phase + ": " + out);
            if (phase.equals("map")) {
                assertTrue(Long.parseLong(row.group(4)) > 0, "the map is composed in frame memory every frame: " + row.group());
                assertTrue(Long.parseLong(row.group(5)) > 0, row.group());
            }
        }
        assertTrue(out.contains("LWJGL memory tracked by the engine: "), out);
        assertTrue(out.contains("render::window "), out);
        assertFalse(out.contains("EM901"), out);
        assertFalse(out.contains("EM902"), "no LWJGL memory of the game's own left at engine close: " + out);
    }

    @Test
    void withoutADisplayPlaySaysWhatToDoInOneLine() throws Exception {
        Child c = Child.run(null, 120, "play", "--frames", "1");
        assertEquals(5, c.exit, c.out);
        String line = c.out.trim();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("error: no display: run it on a desktop or under Xvfb (put xvfb-run -a before java)"), line);
        assertTrue(line.contains("dungeon-demo ascii") && line.contains("stress --regen"), line);
    }
}
