package dev.burrow.dungeon.render;

import dev.burrow.memory.BurrowLwjglAllocator;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.stb.STBImageWrite;
import org.lwjgl.system.MemoryUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the back buffer and writes it as PNG (stb_image_write, rows flipped to top-down). */
public final class Screenshot {
    /** The LWJGL memory tag of a screenshot: the pixels read back, and what stb allocates to write the PNG. */
    public static final String TAG = "render::screenshot";
    private Screenshot() {
    }

    /**
     * @param file where
     * @param width framebuffer width
     * @param height framebuffer height
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BurrowLwjglAllocator.TagScope tag = BurrowLwjglAllocator.tag(TAG); // the pixels, and what stb allocates to encode
        ByteBuffer pixels = MemoryUtil.memAlloc(width * height * 4);
        try {
            GL11C.glPixelStorei(GL11C.GL_PACK_ALIGNMENT, 1);
            GL11C.glReadPixels(0, 0, width, height, GL11C.GL_RGBA, GL11C.GL_UNSIGNED_BYTE, pixels);
            for (int i = 3; i < width * height * 4; i += 4) {
                pixels.put(i, (byte) 0xFF); // opaque: the overlay's alpha is not the picture's
            }
            STBImageWrite.stbi_flip_vertically_on_write(true);
            if (!STBImageWrite.stbi_write_png(file.toString(), width, height, 4, pixels, width * 4)) {
                throw new IOException("cannot write " + file);
            }
        } finally {
            MemoryUtil.memFree(pixels);
            tag.close();
        }
    }
}
