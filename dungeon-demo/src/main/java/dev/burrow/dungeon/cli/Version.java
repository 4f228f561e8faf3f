package dev.burrow.dungeon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What {@code --version} prints: the build's version from the POM (a filtered resource), and what it runs on. */
public final class Version {
    private Version() {
    }

    /**
     * @param program the command's name, e.g. "dungeon-demo"
     * @return one line, e.g. {@code dungeon-demo 0.1.0 (LWJGL 3.3.6, imgui-java 1.88.0; Java 17.0.15, Linux amd64)}
     */
    public static String line(String program) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar without the resource still answers, with "unknown"
        }
        return program + " " + p.getProperty("version", "unknown") + " (LWJGL " + p.getProperty("lwjgl", "?")
            + ", imgui-java " + p.getProperty("imgui", "?") + "; Java " + System.getProperty("java.version") + ", "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
}
