package dev.burrow.dungeon.render;

import org.lwjgl.opengl.GL20C;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A vertex + fragment program compiled from {@code assets/shaders}; compile errors name the file. */
final class ShaderProgram implements AutoCloseable {
    final int id;

    ShaderProgram(String vertexPath, String fragmentPath) {
        int vs = compile(GL20C.GL_VERTEX_SHADER, vertexPath);
        int fs = compile(GL20C.GL_FRAGMENT_SHADER, fragmentPath);
        id = GL20C.glCreateProgram();
        GL20C.glAttachShader(id, vs);
        GL20C.glAttachShader(id, fs);
        GL20C.glLinkProgram(id);
        GL20C.glDeleteShader(vs);
        GL20C.glDeleteShader(fs);
        if (GL20C.glGetProgrami(id, GL20C.GL_LINK_STATUS) == 0) {
            throw new IllegalStateException(vertexPath + " + " + fragmentPath + ": link failed: " + GL20C.glGetProgramInfoLog(id).trim());
        }
    }

    private static int compile(int type, String path) {
        int s = GL20C.glCreateShader(type);
        GL20C.glShaderSource(s, read(path));
        GL20C.glCompileShader(s);
        if (GL20C.glGetShaderi(s, GL20C.GL_COMPILE_STATUS) == 0) {
            throw new IllegalStateException(path + ": " + GL20C.glGetShaderInfoLog(s).trim());
        }
        return s;
    }

    static String read(String path) {
        try (InputStream in = ShaderProgram.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + ": missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    int uniform(String name) {
        return GL20C.glGetUniformLocation(id, name);
    }

    @Override
    public void close() {
        GL20C.glDeleteProgram(id);
    }
}
