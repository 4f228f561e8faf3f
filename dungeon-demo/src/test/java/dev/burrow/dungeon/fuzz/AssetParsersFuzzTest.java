package dev.burrow.dungeon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.burrow.dungeon.gen.AssetException;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Vault;
import dev.burrow.dungeon.gen.VaultLoader;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.burrow.dungeon.fuzz.FuzzInput.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vault and population parsers, fed arbitrary files: each either returns a well-formed result or throws
 * {@link AssetException} with one line {@code file[:line]: what}, the line within the file. Regression inputs (run by
 * every build) are in src/test/resources/dev/burrow/dungeon/fuzz/AssetParsersFuzzTestInputs/&lt;method&gt;/. Fuzz for
 * longer (see docs/testing.md): {@code JAZZER_FUZZ=1 mvn -pl dungeon-demo -am test
 * -Dtest=AssetParsersFuzzTest#vaultFiles -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AssetParsersFuzzTest {
    private static final String FILE = "fuzz.vault";
    private static final String CONF = "fuzz.conf";

    @FuzzTest(maxDuration = "5m")
    void vaultFiles(byte[] input) {
        List<String> lines = FuzzInput.lines(input);
        try {
            Vault v = VaultLoader.parse(FILE, lines);
            assertTrue(v.width() >= 3 && v.width() <= 60 && v.height() >= 3 && v.height() <= 40, v.width() + "x" + v.height());
            assertTrue(!v.name().isEmpty());
        } catch (AssetException e) {
            assertNamesFileAndLine(FILE, lines.size(), e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void populationFiles(byte[] input) {
        List<String> lines = FuzzInput.lines(input);
        try {
            Population p = Population.parse(CONF, lines);
            assertTrue(!p.table(Population.MONSTER).isEmpty());
        } catch (AssetException e) {
            assertNamesFileAndLine(CONF, lines.size(), e.getMessage());
        }
    }

    private static final Pattern WHERE = Pattern.compile("([^:]+)(?::(\\d+))?: .+", Pattern.DOTALL);

    static void assertNamesFileAndLine(String file, int lineCount, String message) {
        assertOneLine(message);
        Matcher m = WHERE.matcher(message);
        assertTrue(m.matches() && m.group(1).equals(file), "starts with file[:line]: " + message);
        if (m.group(2) != null) {
            long line = Long.parseLong(m.group(2));
            assertTrue(line >= 1 && line <= Math.max(1, lineCount), "line " + line + " of " + lineCount + ": " + message);
        }
    }
}
