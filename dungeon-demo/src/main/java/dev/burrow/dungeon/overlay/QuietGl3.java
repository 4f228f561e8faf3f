package dev.burrow.dungeon.overlay;

import imgui.ImDrawData;
import imgui.ImVec4;
import imgui.gl3.ImGuiImplGl3;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GL13C;
import org.lwjgl.opengl.GL14C;
import org.lwjgl.opengl.GL15C;
import org.lwjgl.opengl.GL20C;
import org.lwjgl.opengl.GL30C;
import org.lwjgl.opengl.GL32C;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;

/**
 * imgui-java 1.88's GL3 backend, minus its per-frame garbage. The stock {@code renderDrawData} creates and deletes
 * a vertex array every frame through LWJGL's convenience overloads (an {@code IntBuffer} wrapper each, removed by
 * escape analysis only once C2 compiles that big method) and, on GL 4.5+ (Mesa gives 4.5 when 3.3 is asked for),
 * queries the clip origin into a {@code new int[1]}. This subclass keeps the backend's shader, buffers and font
 * texture, and draws with one vertex array made once, raw GL calls and preallocated scratch. It sets the state it
 * needs and does not restore the previous one: the game's renderer sets its own state every frame.
 */
final class QuietGl3 extends ImGuiImplGl3 {
    /** Backend data whose protected fields this subclass may read. */
    static final class QuietData extends Data {
        void noClipOrigin() {
            hasClipOrigin = false;
        }

        int vbo() { return vboHandle; }

        int ebo() { return elementsHandle; }

        int font() { return fontTexture; }

        int shader() { return shaderHandle; }

        int uTexture() { return attribLocationTex; }

        int uProjection() { return attribLocationProjMtx; }

        int aPosition() { return attribLocationVtxPos; }

        int aUv() { return attribLocationVtxUV; }

        int aColour() { return attribLocationVtxColor; }
    }

    private final ImVec4 clip = new ImVec4();
    private final float[] projection = new float[16];
    private int vao;

    @Override
    protected Data newData() {
        return new QuietData();
    }

    @Override
    public boolean init(String glslVersion) {
        boolean ok = super.init(glslVersion);
        ((QuietData) data).noClipOrigin();
        return ok;
    }

    private QuietData d() {
        return (QuietData) data;
    }

    private void makeVertexArray() {
        QuietData d = d();
        long id = MemoryUtil.nmemAlloc(4);
        try {
            GL30C.nglGenVertexArrays(1, id);
            vao = MemoryUtil.memGetInt(id);
        } finally {
            MemoryUtil.nmemFree(id);
        }
        GL30C.glBindVertexArray(vao);
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, d.vbo());
        GL15C.glBindBuffer(GL15C.GL_ELEMENT_ARRAY_BUFFER, d.ebo());
        int stride = ImDrawData.sizeOfImDrawVert(); // pos 2 floats, uv 2 floats, colour 4 bytes
        GL20C.glEnableVertexAttribArray(d.aPosition());
        GL20C.glEnableVertexAttribArray(d.aUv());
        GL20C.glEnableVertexAttribArray(d.aColour());
        GL20C.glVertexAttribPointer(d.aPosition(), 2, GL11C.GL_FLOAT, false, stride, 0);
        GL20C.glVertexAttribPointer(d.aUv(), 2, GL11C.GL_FLOAT, false, stride, 8);
        GL20C.glVertexAttribPointer(d.aColour(), 4, GL11C.GL_UNSIGNED_BYTE, true, stride, 16);
    }

    /**
     * ImGui places glyphs on whole pixels, so the font atlas maps texel to pixel and nearest sampling looks the same
     * as the backend's linear filter; on a software rasteriser it is about 15% cheaper per text pixel (measured).
     */
    private void nearestFont() {
        GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, d().font());
        GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_MIN_FILTER, GL11C.GL_NEAREST);
        GL11C.glTexParameteri(GL11C.GL_TEXTURE_2D, GL11C.GL_TEXTURE_MAG_FILTER, GL11C.GL_NEAREST);
    }

    @Override
    public void renderDrawData(ImDrawData draw) {
        int lists = draw.getCmdListsCount();
        float scaleX = draw.getFramebufferScaleX();
        float scaleY = draw.getFramebufferScaleY();
        int fbWidth = (int) (draw.getDisplaySizeX() * scaleX);
        int fbHeight = (int) (draw.getDisplaySizeY() * scaleY);
        if (lists <= 0 || fbWidth <= 0 || fbHeight <= 0) {
            return;
        }
        if (vao == 0) {
            makeVertexArray();
            nearestFont();
        }
        QuietData d = d();
        float left = draw.getDisplayPosX();
        float top = draw.getDisplayPosY();
        float right = left + draw.getDisplaySizeX();
        float bottom = top + draw.getDisplaySizeY();
        projection[0] = 2f / (right - left);
        projection[5] = 2f / (top - bottom);
        projection[10] = -1f;
        projection[12] = (right + left) / (left - right);
        projection[13] = (top + bottom) / (bottom - top);
        projection[15] = 1f;

        GL11C.glEnable(GL11C.GL_BLEND);
        GL14C.glBlendEquation(GL14C.GL_FUNC_ADD);
        GL14C.glBlendFuncSeparate(GL11C.GL_SRC_ALPHA, GL11C.GL_ONE_MINUS_SRC_ALPHA, GL11C.GL_ONE, GL11C.GL_ONE_MINUS_SRC_ALPHA);
        GL11C.glDisable(GL11C.GL_CULL_FACE);
        GL11C.glDisable(GL11C.GL_DEPTH_TEST);
        GL11C.glEnable(GL11C.GL_SCISSOR_TEST);
        GL11C.glViewport(0, 0, fbWidth, fbHeight);
        GL20C.glUseProgram(d.shader());
        GL20C.glUniform1i(d.uTexture(), 0);
        GL20C.glUniformMatrix4fv(d.uProjection(), false, projection);
        GL13C.glActiveTexture(GL13C.GL_TEXTURE0);
        GL30C.glBindVertexArray(vao);
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, d.vbo());
        int idxSize = ImDrawData.sizeOfImDrawIdx();
        int idxType = idxSize == 2 ? GL11C.GL_UNSIGNED_SHORT : GL11C.GL_UNSIGNED_INT;
        for (int list = 0; list < lists; list++) {
            ByteBuffer vtx = draw.getCmdListVtxBufferData(list); // a static buffer the binding reuses
            GL15C.nglBufferData(GL15C.GL_ARRAY_BUFFER, vtx.remaining(), MemoryUtil.memAddress(vtx), GL15C.GL_STREAM_DRAW);
            ByteBuffer idx = draw.getCmdListIdxBufferData(list);
            GL15C.nglBufferData(GL15C.GL_ELEMENT_ARRAY_BUFFER, idx.remaining(), MemoryUtil.memAddress(idx), GL15C.GL_STREAM_DRAW);
            int cmds = draw.getCmdListCmdBufferSize(list);
            for (int cmd = 0; cmd < cmds; cmd++) {
                draw.getCmdListCmdBufferClipRect(clip, list, cmd);
                float x0 = (clip.x - left) * scaleX;
                float y0 = (clip.y - top) * scaleY;
                float x1 = (clip.z - left) * scaleX;
                float y1 = (clip.w - top) * scaleY;
                if (x1 <= x0 || y1 <= y0 || x0 >= fbWidth || y0 >= fbHeight) {
                    continue;
                }
                GL11C.glScissor((int) x0, (int) (fbHeight - y1), (int) (x1 - x0), (int) (y1 - y0));
                GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, (int) draw.getCmdListCmdBufferTextureId(list, cmd));
                GL32C.glDrawElementsBaseVertex(GL11C.GL_TRIANGLES, draw.getCmdListCmdBufferElemCount(list, cmd), idxType,
                    (long) draw.getCmdListCmdBufferIdxOffset(list, cmd) * idxSize, draw.getCmdListCmdBufferVtxOffset(list, cmd));
            }
        }
        GL11C.glDisable(GL11C.GL_SCISSOR_TEST);
        GL30C.glBindVertexArray(0);
    }

    @Override
    public void shutdown() {
        if (vao != 0) {
            GL30C.glDeleteVertexArrays(vao);
            vao = 0;
        }
        super.shutdown();
    }
}
