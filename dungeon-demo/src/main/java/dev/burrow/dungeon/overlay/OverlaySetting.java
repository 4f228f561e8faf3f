package dev.burrow.dungeon.overlay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the memory overlay was showing when the player last quit, so F1 sticks between interactive runs: on the
 * first run (no file yet) it shows. Kept in {@code $XDG_CONFIG_HOME/burrow/overlay} (else {@code ~/.config/burrow});
 * read once before the first frame and written once after the last, never in a frame. Scripted runs
 * ({@code --frames}) and stress runs neither read nor write it, so their output does not depend on the machine.
 */
public final class OverlaySetting {
    private static final String SHOWN = "shown";
    private static final String HIDDEN = "hidden";

    private final Path file;

    /** @param file where the setting lives */
    public OverlaySetting(Path file) {
        this.file = file;
    }

    /** @return the setting in the user's config folder */
    public static OverlaySetting user() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new OverlaySetting(base.resolve("burrow").resolve("overlay"));
    }

    /** @return false only when the last interactive run quit with the overlay hidden; anything unreadable means shown */
    public boolean shown() {
        try {
            return !HIDDEN.equals(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Remembers the overlay's state for the next run. A settings file that cannot be written costs the player only
     * this preference, so it is reported in one line and the game still exits normally.
     *
     * @return null when saved, else why not
     */
    public String remember(boolean shown) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, (shown ? SHOWN : HIDDEN) + "\n", StandardCharsets.UTF_8);
            return null;
        } catch (IOException | RuntimeException e) {
            return "could not save the overlay setting to " + file + " (" + e.getMessage() + ")";
        }
    }
}
