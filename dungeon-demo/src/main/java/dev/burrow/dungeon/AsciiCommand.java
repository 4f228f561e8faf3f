package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.gen.AsciiRenderer;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Validator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;

import java.io.PrintStream;
import java.util.List;

/** {@code dungeon-demo ascii --seed S --depth D [--size WxH]}: generate one level headless and print it. */
final class AsciiCommand {
    private AsciiCommand() {
    }

    static int run(String[] argv, PrintStream out) {
        Args a = new Args("dungeon-demo ascii").value("seed").value("depth").value("size").value("assets").parse(argv);
        long seed = a.seed("seed", 1);
        int depth = (int) a.number("depth", 1, 1, 1000);
        int[] size = a.size("size", 80, 50, Generator.MIN_SIDE, Generator.MAX_SIDE);
        dev.burrow.dungeon.gen.GenAssets assets = dev.burrow.dungeon.gen.GenAssets.from(a.string("assets", null));
        // Scratch for one generation, sized from the map as stress --regen does: a fixed 256 KiB block overflowed
        // from about 160x96 on and printed an EM002 warning into the map's output (found by CliFuzzTest).
        long cells = (long) size[0] * size[1];
        long frameBytes = Math.max(256 * 1024, Long.highestOneBit(cells * 64 * 2 - 1));
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(frameBytes))) {
            Generator gen = new Generator(assets);
            try (Level level = gen.generate(mem, seed, depth, size[0], size[1])) {
                out.print(AsciiRenderer.render(level, assets));
                List<String> problems = Validator.check(level, mem.frame());
                out.println(problems.isEmpty() ? "valid: yes" : "valid: NO: " + problems);
                return problems.isEmpty() ? 0 : 1;
            }
        }
    }
}
