package dev.burrow.dungeon.overlay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverlaySettingTest {
    @TempDir
    Path dir;

    @Test
    void firstRunShowsTheOverlay() {
        assertTrue(new OverlaySetting(dir.resolve("burrow/overlay")).shown());
    }

    @Test
    void theLastStateSticks() {
        OverlaySetting setting = new OverlaySetting(dir.resolve("burrow/overlay"));
        assertNull(setting.remember(false));
        assertFalse(new OverlaySetting(dir.resolve("burrow/overlay")).shown());
        assertNull(setting.remember(true));
        assertTrue(new OverlaySetting(dir.resolve("burrow/overlay")).shown());
    }

    @Test
    void aDamagedFileMeansShown() throws Exception {
        Path file = dir.resolve("overlay");
        Files.write(file, new byte[] {(byte) 0xff, 0, 'h'});
        assertTrue(new OverlaySetting(file).shown());
        Files.createDirectories(dir.resolve("a-folder"));
        assertTrue(new OverlaySetting(dir.resolve("a-folder")).shown());
    }

    @Test
    void anUnwritablePlaceIsReportedNotThrown() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        String problem = new OverlaySetting(blocker.resolve("overlay")).remember(false);
        assertNotNull(problem);
        assertTrue(problem.contains("not-a-folder"), problem);
    }
}
