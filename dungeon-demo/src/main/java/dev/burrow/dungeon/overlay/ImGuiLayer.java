package dev.burrow.dungeon.overlay;

import imgui.ImGui;
import imgui.extension.implot.ImPlot;
import imgui.extension.implot.ImPlotContext;

/**
 * Dear ImGui (imgui-java 1.88) with ImPlot on a GLFW window, with the traps measured here avoided:
 * {@code ImGuiImplGl3.newFrame()} runs before {@code ImGui.newFrame()} so the font atlas gets built; the GL3
 * backend's per-frame {@code new int[1]} is removed ({@link QuietGl3}); the platform backend stops asking the X server
 * for what its callbacks already told it ({@link QuietGlfw}); {@code ImGuiImplGlfw.shutdown()} is guarded
 * because it throws under Xvfb (GLFW gives null cursors there).
 */
final class ImGuiLayer implements AutoCloseable {
    private final QuietGlfw glfw = new QuietGlfw();
    private final QuietGl3 gl3 = new QuietGl3();
    private final ImPlotContext plot;

    ImGuiLayer(long window) {
        ImGui.createContext();
        plot = ImPlot.createContext();
        ImGui.getIO().setIniFilename(null); // no imgui.ini dropped in the working directory
        ImGui.styleColorsDark();
        cheapStyle();
        glfw.init(window, true);
        gl3.init("#version 330 core");
        presizeDrawDataBuffer();
    }

    /**
     * imgui-java copies each draw list into one static direct buffer that grows (a new {@code allocateDirect}, +5000
     * bytes) whenever the UI draws more than ever before: garbage in the middle of a game, every time a plot fills
     * or a number gets a digit longer. Giving it room for far more than this overlay draws, once, removes that.
     */
    private static void presizeDrawDataBuffer() {
        try {
            java.lang.reflect.Field f = imgui.ImDrawData.class.getDeclaredField("dataBuffer");
            f.setAccessible(true);
            java.nio.ByteBuffer current = (java.nio.ByteBuffer) f.get(null);
            if (current == null || current.capacity() < DRAW_DATA_BYTES) {
                f.set(null, java.nio.ByteBuffer.allocateDirect(DRAW_DATA_BYTES).order(java.nio.ByteOrder.nativeOrder()));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger("dev.burrow.dungeon").log(System.Logger.Level.WARNING,
                "imgui-java ImDrawData.dataBuffer not found (" + e + "): the overlay may allocate while its draw lists grow");
        }
    }

    private static final int DRAW_DATA_BYTES = 4 << 20;

    /**
     * On a software rasteriser every filled pixel and every triangle costs: no anti-aliased fringes (a ring of extra
     * triangles round every shape), square corners, no filled header bars (the sections are unframed), compact
     * spacing.
     */
    private static void cheapStyle() {
        imgui.ImGuiStyle s = ImGui.getStyle();
        s.setAntiAliasedFill(false);
        s.setAntiAliasedLines(false);
        s.setWindowRounding(0);
        s.setFrameRounding(0);
        s.setWindowBorderSize(1);
        s.setScrollbarSize(10);
        s.setItemSpacing(6, 3);
        s.setWindowPadding(8, 6);
        s.setColor(imgui.flag.ImGuiCol.Header, 0, 0, 0, 0);
        s.setColor(imgui.flag.ImGuiCol.Separator, 0.25f, 0.27f, 0.32f, 1f);
        s.setColor(imgui.flag.ImGuiCol.WindowBg, 0.05f, 0.05f, 0.07f, 1f);
    }

    /** @return vertices in the last rendered frame */
    int vertices() {
        return ImGui.getDrawData().getTotalVtxCount();
    }

    /** @return draw commands in the last rendered frame */
    int drawCalls() {
        imgui.ImDrawData d = ImGui.getDrawData();
        int n = 0;
        for (int l = 0; l < d.getCmdListsCount(); l++) {
            n += d.getCmdListCmdBufferSize(l);
        }
        return n;
    }

    void newFrame(int fbWidth, int fbHeight) {
        gl3.newFrame();
        glfw.newFrame(fbWidth, fbHeight);
        ImGui.newFrame();
    }

    void render() {
        ImGui.render();
        gl3.renderDrawData(ImGui.getDrawData());
    }

    /** @return whether ImGui wants the keyboard (a text field has focus): the game should not take keys then */
    boolean wantsKeyboard() {
        return ImGui.getIO().getWantCaptureKeyboard();
    }

    @Override
    public void close() {
        gl3.shutdown();
        try {
            glfw.shutdown();
        } catch (NullPointerException e) {
            // imgui-java 1.88 under Xvfb: GLFW returned null cursors, shutdown() trips over them. Nothing leaks.
        }
        ImPlot.destroyContext(plot);
        ImGui.destroyContext();
    }
}
