package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.cli.Version;
import dev.burrow.dungeon.gen.AssetException;
import dev.burrow.dungeon.gen.GenerationException;
import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.MemoryBudgetExceededException;
import dev.burrow.memory.MemoryDiagnosticException;
import dev.burrow.memory.OutOfNativeMemoryException;

import java.util.Arrays;

/** {@code dungeon-demo play | arena | ascii}: one entry point; user mistakes end in one line and an exit code. */
public final class Main {
    static final String USAGE = String.join("\n",
        "usage: dungeon-demo [play] [--seed S] [--size WxH] [--window WxH] [--keep-levels K] [--morgue DIR] [--no-overlay]",
        "                          [--assets DIR]   open the game window (default; keys: ? in the game, docs/game.md)",
        "       dungeon-demo play --frames N [--script \"x x g i c u > Gx50\"] [--screenshot out.png]   scripted run, then exit",
        "       dungeon-demo arena [--enemies N] [--seed S] [--workers N] [--frames N] [--screenshot out.png]   the 500-enemy arena",
        "                          [--pilot] [--no-overlay] [--overlay-open SECTION,...] [--overlay-ab] [--compare SNAPSHOT.json]",
        "                          [--save-snapshot]   (docs/arena.md, docs/overlay.md)",
        "       dungeon-demo ascii --seed S --depth D [--size WxH] [--assets DIR]   print a level as text, headless",
        "       dungeon-demo -h | --help | --version",
        "exit codes: 0 ok, 1 failed, 2 bad arguments, 3 bad asset file, 4 out of native memory, 5 no display, 6 cannot write");

    private Main() {
    }

    /** @param args command line */
    public static void main(String[] args) {
        // First, before anything touches LWJGL (LWJGL picks its allocator once): every memAlloc of the game, GLFW, stb
        // and imgui-java's LWJGL side is then counted, tagged and leak-checked by the engine the command creates
        // (docs/native-memory.md, "Ordering rules"). Called too late it says so in one line (EM901).
        BurrowLwjglAllocator.install();
        System.exit(run(args));
    }

    /** @param args command line @return the exit code */
    public static int run(String[] args) {
        String cmd = args.length == 0 || args[0].startsWith("--") ? "play" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return ExitCode.OK;
        }
        if (Arrays.asList(args).contains("--version")) {
            System.out.println(Version.line("dungeon-demo"));
            return ExitCode.OK;
        }
        try {
            switch (cmd) {
                case "ascii":
                    return AsciiCommand.run(rest, System.out);
                case "play":
                    return PlayCommand.run(rest, System.out);
                case "arena":
                    return ArenaCommand.run(rest, System.out);
                default:
                    throw new UsageException("dungeon-demo: unknown command '" + cmd + "' (play, arena, ascii; see --help)");
            }
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (dev.burrow.dungeon.render.NoDisplayException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.NO_DISPLAY;
        } catch (java.io.IOException e) {
            System.err.println("error: cannot write a file (" + dev.burrow.dungeon.cli.FileErrors.why(e) + ")");
            return ExitCode.IO;
        } catch (AssetException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.BAD_ASSET;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (OutOfNativeMemoryException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.OUT_OF_MEMORY;
        } catch (MemoryBudgetExceededException | GenerationException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (MemoryDiagnosticException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (UnsatisfiedLinkError e) {
            // A jar built on another OS has no Dear ImGui native for this one (docs/natives.md): one line, no trace.
            System.err.println("error: no native library for " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + " in this build (" + e.getMessage() + "); see docs/natives.md");
            return ExitCode.NO_DISPLAY;
        }
    }
}
