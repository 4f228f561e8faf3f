package dev.burrow.dungeon.render;

import dev.burrow.memory.BurrowLwjglAllocator;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GL12C;
import org.lwjgl.stb.STBImage;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;

/**
 * The glyph atlas: a 16x16 grid of CP437-ordered cells (ASCII where it matters) in {@code assets/atlas/cp437.png},
 * uploaded as a single-channel coverage texture. Made by {@link AtlasGenerator}; no download.
 */
final class Atlas implements AutoCloseable {
    static final String PATH = "assets/atlas/cp437.png";
    /** The LWJGL memory tag of loading it: the PNG's copy and the pixels stb decodes (freed before it returns). */
    static final String TAG = "render::atlas";
    final int texture;
    final int cellWidth;
    final int cellHeight;

    Atlas() {
        byte[] png;
        try (InputStream in = Atlas.class.getClassLoader().getResourceAsStream(PATH)) {
            if (in == null) {
                throw new IllegalStateException(PATH + ": missing from the jar");
            }
            png = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(PATH + ": " + e.getMessage(), e);
        }
        BurrowLwjglAllocator.TagScope tag = BurrowLwjglAllocator.tag(TAG);
        ByteBuffer file = MemoryUtil.memAlloc(png.length).put(png).flip();
        try (MemoryStack s = MemoryStack.stackPush()) {
            IntBuffer w = s.mallocInt(1);
            IntBuffer h = s.mallocInt(1);
            IntBuffer c = s.mallocInt(1);
            ByteBuffer pixels = STBImage.stbi_load_from_memory(file, w, h, c, 1);
            if (pixels == null) {
                throw new IllegalStateException(PATH + ": " + STBImage.stbi_failure_reason());
            }
            cellWidth = w.get(0) / 16;
            cellHeight = h.get(0) / 16;
            texture = GL11C.glGenTextures();
            GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, texture);
            GL11C.glPixelStorei(GL11C.GL_UNPACK_ALIGNMENT, 1);
            GL11C.glTexImage2D(GL11C.GL_TEXTURE_2D, 0, GL11C.GL_RED, w.get(0), h.get(0), 0, GL11C.GL_RED, GL11C.GL_UNSIGNED_BYTE, pixels);
            GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_MIN_FILTER, GL11C.GL_NEAREST);
            GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_MAG_FILTER, GL11C.GL_NEAREST);
            GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_WRAP_S, GL12C.GL_CLAMP_TO_EDGE);
            GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_WRAP_T, GL12C.GL_CLAMP_TO_EDGE);
            STBImage.stbi_image_free(pixels);
        } finally {
            MemoryUtil.memFree(file);
            tag.close();
        }
    }

    @Override
    public void close() {
        GL11C.glDeleteTextures(texture);
    }
}
