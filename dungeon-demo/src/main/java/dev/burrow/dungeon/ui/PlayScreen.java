package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.FrameArena;

/**
 * The whole play screen for one frame: the layout from the window's size and the docked overlay's width, the map,
 * then one batch of text for the sidebar, the message bar (or the look description) and whatever screen is open.
 * Two instanced draws; no Java heap.
 */
public final class PlayScreen {
    private final Layout layout = new Layout();
    private final MapView map = new MapView();
    private final TextBatch text = new TextBatch();
    private final UiTexts ui = new UiTexts();
    private final Sidebar sidebar = new Sidebar(ui);
    private final MessageBar messages = new MessageBar(ui);
    private final Screens screens = new Screens(ui);
    private static final String QUIT_QUESTION = "Quit? y quits, any other key plays on.";

    /**
     * @param overlayWidth pixels the docked memory overlay takes on the right (0 when hidden or absent)
     * @param morgue where the morgue of a finished game went (or why it did not), shown on the end screen; may be null
     */
    public void draw(Game g, Controller c, TileRenderer r, FrameArena frame, int width, int height, int overlayWidth, String morgue) {
        layout.update(width, height, overlayWidth);
        r.clear();
        boolean look = c.screen() == Controller.LOOK && g.state() == Game.PLAYING;
        map.draw(g, layout, r, frame, look, c.lookX(), c.lookY());
        int cells = (width / Layout.TEXT_W + 1) * (height / Layout.ROW_H + 1);
        text.begin(frame, cells * 2);
        sidebar.draw(g, layout, text);
        if (look) {
            screens.look(g, layout, text, c.lookX(), c.lookY());
        } else if (c.screen() == Controller.QUIT_ASK && g.state() == Game.PLAYING) {
            messages.ask(layout, text, QUIT_QUESTION);
        } else {
            messages.draw(g, layout, text);
        }
        if (g.state() != Game.PLAYING) {
            screens.end(g, layout, text, morgue);
        } else if (c.screen() == Controller.PACK || c.screen() == Controller.ITEM) {
            screens.pack(g, layout, text, c.screen() == Controller.ITEM ? c.item() : -1);
        } else if (c.screen() == Controller.HELP) {
            screens.help(layout, text);
        }
        text.draw(r, width, height);
    }

    /** @return the layout of the last frame */
    public Layout layout() {
        return layout;
    }

    /** @return the map view (its scroll position) of the last frame */
    public MapView map() {
        return map;
    }
}
