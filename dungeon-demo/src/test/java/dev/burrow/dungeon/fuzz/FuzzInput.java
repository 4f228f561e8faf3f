package dev.burrow.dungeon.fuzz;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the fuzz tests turn raw fuzzer bytes into what the program really receives, and the one-line contract. */
public final class FuzzInput {
    private FuzzInput() {
    }

    /** @return the bytes as UTF-8 text split into lines the way {@code Files.readAllLines} splits a file */
    public static List<String> lines(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return new BufferedReader(new StringReader(text)).lines().collect(Collectors.toList());
    }

    /**
     * A command line: arguments separated by NUL bytes. A real command line cannot contain NUL (C strings), so no
     * argument does here either; the corpus files stay readable ({@code printf 'ascii\0--seed\0x'}).
     *
     * @return the arguments
     */
    public static String[] argv(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\0", -1);
    }

    /** Fails unless {@code message} is one non-empty line: what the user sees after "error: ". */
    public static void assertOneLine(String message) {
        assertTrue(message != null && !message.isBlank(), "an error says something");
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
    }
}
