package dev.burrow.dungeon.render;

import dev.burrow.memory.BurrowLwjglAllocator;
import org.lwjgl.glfw.GLFW;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.system.MemoryUtil;

/**
 * A GLFW window with an OpenGL 3.3 core context. Keys are queued as ints (no objects per event) for the game to
 * drain; resizes are noticed through the framebuffer size.
 */
public final class GlWindow implements AutoCloseable {
    private static final int QUEUE = 64;
    private final long handle;
    private final int[] keys = new int[QUEUE];
    private final int[] mods = new int[QUEUE];
    private int head;
    private int tail;
    private int fbWidth;
    private int fbHeight;
    private final GLFWErrorCallback errors;
    private final long sizeBuffer;
    /** The LWJGL memory tag of the window: GLFW's and the GL context's setup, and the size query's buffer. */
    public static final String TAG = "render::window";

    /**
     * @param title window title
     * @param width initial width in screen coordinates
     * @param height initial height
     * @param vsync whether to wait for vertical sync
     * @throws NoDisplayException when GLFW or the GL 3.3 context cannot be had
     */
    public GlWindow(String title, int width, int height, boolean vsync) {
        try (BurrowLwjglAllocator.TagScope tag = BurrowLwjglAllocator.tag(TAG)) {
            sizeBuffer = MemoryUtil.nmemAlloc(8);
            errors = GLFWErrorCallback.create((code, description) -> { });
            GLFW.glfwSetErrorCallback(errors);
            preferX11WithoutWayland();
            if (!GLFW.glfwInit()) {
                errors.free();
                MemoryUtil.nmemFree(sizeBuffer);
                throw new NoDisplayException("no display: run it on a desktop or under Xvfb (put xvfb-run -a before java);"
                    + " headless alternatives: dungeon-demo ascii, stress --regen");
            }
            GLFW.glfwDefaultWindowHints();
            GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MAJOR, 3);
            GLFW.glfwWindowHint(GLFW.GLFW_CONTEXT_VERSION_MINOR, 3);
            GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_PROFILE, GLFW.GLFW_OPENGL_CORE_PROFILE);
            GLFW.glfwWindowHint(GLFW.GLFW_OPENGL_FORWARD_COMPAT, GLFW.GLFW_TRUE);
            GLFW.glfwWindowHint(GLFW.GLFW_RESIZABLE, GLFW.GLFW_TRUE);
            handle = GLFW.glfwCreateWindow(width, height, title, 0, 0);
            if (handle == 0) {
                GLFW.glfwTerminate();
                errors.free();
                MemoryUtil.nmemFree(sizeBuffer);
                throw new NoDisplayException("could not open an OpenGL 3.3 core window on this display;"
                    + " headless alternatives: dungeon-demo ascii, stress --regen");
            }
            GLFW.glfwMakeContextCurrent(handle);
            GL.createCapabilities();
            GLFW.glfwSwapInterval(vsync ? 1 : 0);
            GLFW.glfwSetKeyCallback(handle, (w, key, scancode, action, mod) -> {
                if (action != GLFW.GLFW_RELEASE && (tail + 1) % QUEUE != head) {
                    keys[tail] = key;
                    mods[tail] = mod;
                    tail = (tail + 1) % QUEUE;
                }
            });
            GLFW.glfwShowWindow(handle);
            refreshSize();
        }
    }

    /**
     * GLFW 3.4 tries Wayland before X11, and libwayland prints {@code error: XDG_RUNTIME_DIR is invalid or not set}
     * when there is no Wayland session: a line that reads like Burrow's own. Without {@code WAYLAND_DISPLAY} there
     * is no Wayland compositor to find, so ask for X11 outright (under Wayland, GLFW still chooses by itself).
     */
    private static void preferX11WithoutWayland() {
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((wayland == null || wayland.isEmpty()) && GLFW.glfwPlatformSupported(GLFW.GLFW_PLATFORM_X11)) {
            GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_X11);
        }
    }

    /** Polls events and re-reads the framebuffer size (resize). */
    public void poll() {
        GLFW.glfwPollEvents();
        refreshSize();
    }

    /**
     * Sleeps until an event arrives (a key, a resize, the mouse) or {@code seconds} pass, then handles it: an idle
     * game waits here instead of drawing frames that change nothing and spinning a core.
     */
    public void waitEvents(double seconds) {
        GLFW.glfwWaitEventsTimeout(seconds);
        refreshSize();
    }

    private void refreshSize() {
        // Two ints in native memory and the raw GLFW call: no buffer objects per frame.
        GLFW.nglfwGetFramebufferSize(handle, sizeBuffer, sizeBuffer + 4);
        fbWidth = Math.max(1, MemoryUtil.memGetInt(sizeBuffer));
        fbHeight = Math.max(1, MemoryUtil.memGetInt(sizeBuffer + 4));
        GL11C.glViewport(0, 0, fbWidth, fbHeight);
    }

    /** @return the next queued key (GLFW key code), or -1 */
    public int nextKey() {
        if (head == tail) {
            return -1;
        }
        int k = keys[head];
        lastMods = mods[head];
        head = (head + 1) % QUEUE;
        return k;
    }

    private int lastMods;

    /** @return the modifier bits of the key last returned by {@link #nextKey()} */
    public int lastMods() {
        return lastMods;
    }

    /** @param key a GLFW key code @return whether it is held down now (movement keys are read this way) */
    public boolean keyDown(int key) {
        return GLFW.glfwGetKey(handle, key) == GLFW.GLFW_PRESS;
    }

    /** Presents the frame. */
    public void swap() {
        GLFW.glfwSwapBuffers(handle);
    }

    /** @return whether the user asked to close the window */
    public boolean shouldClose() {
        return GLFW.glfwWindowShouldClose(handle);
    }

    /** Asks the loop to end. */
    public void requestClose() {
        GLFW.glfwSetWindowShouldClose(handle, true);
    }

    /** @return the GLFW window handle */
    public long handle() { return handle; }

    /** @return framebuffer width in pixels */
    public int width() { return fbWidth; }

    /** @return framebuffer height in pixels */
    public int height() { return fbHeight; }

    @Override
    public void close() {
        org.lwjgl.glfw.Callbacks.glfwFreeCallbacks(handle);
        GLFW.glfwDestroyWindow(handle);
        GLFW.glfwTerminate();
        GLFW.glfwSetErrorCallback(null);
        errors.free();
        MemoryUtil.nmemFree(sizeBuffer);
    }
}
