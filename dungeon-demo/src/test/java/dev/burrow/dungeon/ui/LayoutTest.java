package dev.burrow.dungeon.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The play screen's layout at many window sizes, with and without the docked overlay. */
class LayoutTest {

    @Test
    void sidebarMapMessagesAndOverlayNeverOverlapAtAnySize() {
        Layout l = new Layout();
        for (int w = 320; w <= 3840; w += 137) {
            for (int h = 200; h <= 2160; h += 211) {
                for (int overlay : new int[] {0, 480, w * 2 / 5}) {
                    l.update(w, h, overlay);
                    String at = w + "x" + h + " overlay " + overlay;
                    assertTrue(l.sidebarWidth() > 0 && l.sidebarWidth() <= w / 2, at);
                    assertEquals(l.sidebarWidth(), l.mapX(), at);
                    assertTrue(l.mapX() + l.mapWidth() + l.overlayWidth() <= w, at);
                    assertTrue(l.mapHeight() + (l.height() - l.messageY()) <= h, at);
                    assertEquals(l.mapHeight(), l.messageY(), "the message bar sits under the map: " + at);
                    assertTrue(l.mapCols() >= 1 || l.mapWidth() < Layout.TILE_W, at);
                    assertTrue(l.messageRows() >= 1, at);
                }
            }
        }
    }

    @Test
    void aResizeReLaysEverythingOut() {
        Layout l = new Layout();
        l.update(1280, 720, 480);
        int cols = l.mapCols();
        int rows = l.mapRows();
        l.update(1920, 1080, 480);
        assertTrue(l.mapCols() > cols && l.mapRows() > rows);
        l.update(1920, 1080, 0);
        assertEquals(1920 - Layout.SIDEBAR_COLS * Layout.TEXT_W, l.mapWidth(), "the overlay hidden: the map takes its room");
    }

    @Test
    void theViewKeepsThePlayerInsideOnEveryCell() {
        for (int mapCells : new int[] {20, 80, 300}) {
            for (int view : new int[] {7, 33, 61, 120}) {
                for (int p = 0; p < mapCells; p++) {
                    int o = MapView.origin(p, view, mapCells);
                    assertTrue(p - o >= 0 && p - o < view, "player " + p + " map " + mapCells + " view " + view + " origin " + o);
                }
            }
        }
    }
}
