package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Keys by screen: the map, the pack and an item of it, look, help, the end of a game; keys stop travel. */
class ControllerTest {

    @Test
    void keysOpenThePackChooseAnItemAndUseIt() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults());
             Game g = new Game(mem, GenAssets.builtIn(), 4, 80, 50)) {
            Controller c = new Controller(g);
            FrameArena f = mem.frame();
            f.begin();
            assertEquals(Controller.CONTINUE, c.key('i'));
            assertEquals(Controller.PACK, c.screen());
            c.key('z'); // no item at z: stays on the pack
            assertEquals(Controller.PACK, c.screen());
            c.key('c');
            assertEquals(Controller.ITEM, c.screen());
            assertEquals(2, c.item());
            c.key(Keys.ESC);
            assertEquals(Controller.PACK, c.screen());
            c.key('c');
            int turn = g.turn();
            c.key('u');
            assertEquals(Controller.MAP, c.screen());
            assertEquals(turn + 1, g.turn(), "drinking took a turn");
            assertFalse(g.pack().has(2), "the starting potion is gone");
            int before = g.turn();
            assertEquals(Controller.CONTINUE, c.key(Keys.ESC), "Esc on the map asks first");
            assertEquals(Controller.QUIT_ASK, c.screen());
            assertEquals(Controller.CONTINUE, c.key(Keys.ESC), "a second Esc is not a yes");
            assertEquals(Controller.MAP, c.screen());
            c.key('Q');
            assertEquals(Controller.CONTINUE, c.key('h'), "any other key plays on, and does nothing else");
            assertEquals(before, g.turn());
            c.key(Keys.ESC);
            assertEquals(Controller.QUIT, c.key('y'));
            assertEquals(Controller.TOGGLE_OVERLAY, c.key(Keys.F1));
            f.end();
        }
    }

    @Test
    void lookMovesACursorAndTabJumpsToMonsters() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults());
             Game g = new Game(mem, GenAssets.builtIn(), 4, 80, 50)) {
            Controller c = new Controller(g);
            c.key(';');
            assertEquals(Controller.LOOK, c.screen());
            int x = c.lookX();
            c.key('l');
            assertEquals(x + 1, c.lookX());
            int turn = g.turn();
            c.key('l');
            assertEquals(turn, g.turn(), "looking takes no time");
            c.key(Keys.ESC);
            assertEquals(Controller.MAP, c.screen());
            c.key('?');
            assertEquals(Controller.HELP, c.screen());
            c.key('x');
            assertEquals(Controller.MAP, c.screen(), "any key closes help, and does nothing else");
            assertEquals(turn, g.turn());
        }
    }

    @Test
    void aKeyStopsTravelAndEnterStartsANewGameOnlyAfterTheEnd() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults());
             Game g = new Game(mem, GenAssets.builtIn(), 6, 80, 50)) {
            g.setMaxHp(1_000_000);
            Controller c = new Controller(g);
            FrameArena f = mem.frame();
            f.begin();
            c.key('x');
            f.end();
            if (g.busy()) {
                int turn = g.turn();
                c.key('k');
                assertFalse(g.busy(), "any key stops exploring");
                assertEquals(turn, g.turn(), "and is not taken as a move");
            }
            c.key(Keys.ENTER);
            assertEquals(0, g.restarts(), "Enter does nothing to a living game");
            g.setMaxHp(1);
            for (int i = 0; i < 20_000 && !g.dead(); i++) {
                f.begin();
                g.act(Action.FIGHT);
                f.end();
            }
            assertTrue(g.dead());
            assertEquals(Controller.CONTINUE, c.key('k'), "the dead do not walk");
            f.begin();
            c.key(Keys.ENTER);
            f.end();
            assertEquals(Game.PLAYING, g.state());
            assertEquals(1, g.restarts());
        }
    }

    @Test
    void movesFromEveryKeyFamily() {
        assertEquals(Action.MOVE_N, Controller.move('k'));
        assertEquals(Action.MOVE_N, Controller.move('w'));
        assertEquals(Action.MOVE_N, Controller.move(Keys.UP));
        assertEquals(Action.MOVE_N, Controller.move(Keys.KP + 8));
        assertEquals(Action.MOVE_SW, Controller.move('b'));
        assertEquals(Action.MOVE_SW, Controller.move(Keys.KP + 1));
        assertEquals(Action.NONE, Controller.move('g'));
    }
}
