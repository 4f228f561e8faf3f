package dev.burrow.dungeon.gen;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** Feeds the validator deliberately broken levels: each broken invariant must be named. */
class ValidatorTest {

    private static void expect(String fragment, Consumer<Level> breakIt) {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults());
             Level l = Generator.builtIn().generate(mem, 99, 4, 80, 50)) {
            assertEquals(List.of(), Validator.check(l, mem.frame()), "starts valid");
            breakIt.accept(l);
            List<String> problems = Validator.check(l, mem.frame());
            assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "expected '" + fragment + "' in " + problems);
        }
    }

    @Test
    void edgeNotSolid() {
        expect("map edge at 0,10 is floor", l -> l.setTerrain(0, 10, Terrain.FLOOR));
    }

    @Test
    void invalidTerrain() {
        expect("invalid terrain code 99", l -> l.setTerrain(10, 10, 99));
    }

    @Test
    void roomOutOfBounds() {
        expect("out of bounds or degenerate", l -> l.setRoom(0, 2, 500));
        expect("out of bounds or degenerate", l -> l.setRoom(1, 3, 1));
    }

    @Test
    void doorDataDisagreesWithTerrain() {
        expect("says", l -> l.setTerrain(l.door(0, 0), l.door(0, 1), l.door(0, 2) == Terrain.DOOR_OPEN ? Terrain.DOOR_CLOSED : Terrain.DOOR_OPEN));
        expect("door table has", l -> {
            for (int x = 1; x < l.width() - 1; x++) {
                if (l.terrain(x, 2) == Terrain.WALL) {
                    l.setTerrain(x, 2, Terrain.DOOR_SECRET); // a door cell nobody recorded
                    return;
                }
            }
        });
    }

    @Test
    void entityOnImpassableTerrain() {
        expect("stands on lava", l -> l.setTerrain(l.entity(0, 2), l.entity(0, 3), Terrain.LAVA));
    }

    @Test
    void contentsGridInconsistent() {
        expect("is not in the monsters' grid", l -> {
            for (int e = 0; e < l.entityCount(); e++) {
                if (l.entity(e, Level.E_KIND) == Population.MONSTER) {
                    l.setEntityAt(l.entity(e, Level.E_X), l.entity(e, Level.E_Y), -1);
                    return;
                }
            }
        });
        expect("is not in the fixtures' grid", l -> {
            for (int e = 0; e < l.entityCount(); e++) {
                if (l.entity(e, Level.E_KIND) == Population.TORCH) {
                    l.setFixtureAt(l.entity(e, Level.E_X), l.entity(e, Level.E_Y), -1);
                    return;
                }
            }
        });
    }

    @Test
    void stairsMissing() {
        expect("down stairs missing", l -> l.setTerrain(l.downX(), l.downY(), Terrain.FLOOR));
    }

    @Test
    void disconnectedRegion() {
        expect("unreachable from the up stairs", l -> {
            // Wall in the down stairs.
            for (int k = 0; k < 4; k++) {
                int x = l.downX() + Flood.dx(k);
                int y = l.downY() + Flood.dy(k);
                if (l.entityAt(x, y) < 0 && !Terrain.door(l.terrain(x, y))) {
                    l.setTerrain(x, y, Terrain.WALL);
                }
            }
            for (int dy = -1; dy <= 1; dy += 2) {
                for (int dx = -1; dx <= 1; dx += 2) {
                    if (l.entityAt(l.downX() + dx, l.downY() + dy) < 0 && !Terrain.door(l.terrain(l.downX() + dx, l.downY() + dy))) {
                        l.setTerrain(l.downX() + dx, l.downY() + dy, Terrain.WALL);
                    }
                }
            }
        });
    }
}
