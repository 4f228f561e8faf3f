package dev.burrow.dungeon.render;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

/**
 * Draws {@code assets/atlas/cp437.png}: 256 cells of 16x16 in a 16x16 grid, white glyphs on black, ASCII at its
 * own code, a few block and shade glyphs at their CP437 places. Run once by hand
 * ({@code java -cp dungeon-demo.jar dev.burrow.dungeon.render.AtlasGenerator assets/atlas/cp437.png});
 * the result is committed, so nothing is generated or downloaded at build time.
 */
public final class AtlasGenerator {
    static final int CELL = 16;

    private AtlasGenerator() {
    }

    /** @param args the output file */
    public static void main(String[] args) throws IOException {
        BufferedImage img = new BufferedImage(CELL * 16, CELL * 16, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = new Font(Font.MONOSPACED, Font.BOLD, 15);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        for (int c = 33; c < 127; c++) {
            int x = (c % 16) * CELL;
            int y = (c / 16) * CELL;
            String s = String.valueOf((char) c);
            int w = fm.stringWidth(s);
            g.setClip(x, y, CELL, CELL); // a glyph must not reach into its neighbour's cell ('_' did, into 'o')
            g.drawString(s, x + (CELL - w) / 2, y + (CELL + fm.getAscent() - fm.getDescent()) / 2);
            g.setClip(null);
        }
        // CP437 blocks: 176-178 shades, 219 full block, 220 lower half block (the sidebar's bars), 254 small square.
        for (int shade = 0; shade < 3; shade++) {
            int c = 176 + shade;
            for (int py = 0; py < CELL; py++) {
                for (int px = 0; px < CELL; px++) {
                    boolean on = shade == 0 ? (px + py * 2) % 4 == 0 : shade == 1 ? (px + py) % 2 == 0 : (px + py * 2) % 4 != 0;
                    if (on) {
                        img.getRaster().setSample((c % 16) * CELL + px, (c / 16) * CELL + py, 0, 255);
                    }
                }
            }
        }
        g.fillRect((219 % 16) * CELL, (219 / 16) * CELL, CELL, CELL);
        g.fillRect((220 % 16) * CELL, (220 / 16) * CELL + CELL / 2, CELL, CELL / 2);
        g.fillRect((254 % 16) * CELL + 4, (254 / 16) * CELL + 4, CELL - 8, CELL - 8);
        g.dispose();
        ImageIO.write(img, "png", new File(args.length > 0 ? args[0] : "cp437.png"));
    }
}
