package dev.burrow.dungeon.overlay;

import imgui.ImGui;
import imgui.glfw.ImGuiImplGlfw;
import org.lwjgl.glfw.GLFW;

/**
 * imgui-java 1.88's GLFW platform backend, asking the window system less. Its {@code newFrame} reads the window and
 * framebuffer sizes, the focus and the cursor position every frame: on X11 each is a round trip to the server,
 * about 0.3 ms a frame under Xvfb (measured). The mouse position already arrives through the backend's cursor
 * callback, so this subclass runs the full update only on the first frame, when the framebuffer size changes, and
 * once a second (for the cursor shape and monitors); the other frames only advance ImGui's clock.
 */
final class QuietGlfw extends ImGuiImplGlfw {
    /** Backend data whose clock this subclass may read and advance. */
    static final class QuietData extends Data {
        double time() {
            return time;
        }

        void time(double t) {
            time = t;
        }
    }

    private static final int FULL_EVERY = 60;
    private int width = -1;
    private int height = -1;
    private long frames;

    /** @param fbWidth this frame's framebuffer width @param fbHeight its height (the host reads them anyway) */
    void newFrame(int fbWidth, int fbHeight) {
        if (frames++ % FULL_EVERY == 0 || fbWidth != width || fbHeight != height) {
            width = fbWidth;
            height = fbHeight;
            super.newFrame();
            return;
        }
        QuietData d = (QuietData) data;
        double now = GLFW.glfwGetTime();
        // ImGui requires a positive step: two frames inside the timer's resolution still advance a little.
        ImGui.getIO().setDeltaTime((float) Math.max(1e-5, d.time() > 0 ? now - d.time() : 1.0 / 60));
        d.time(now);
    }

    @Override
    protected Data newData() {
        return new QuietData();
    }
}
