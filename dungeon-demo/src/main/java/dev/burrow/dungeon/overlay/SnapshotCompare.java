package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.SnapshotDiff;
import imgui.ImGui;
import imgui.flag.ImGuiCol;

import java.util.List;

/**
 * The overlay's "Compare with a saved snapshot" section: pick a {@code burrow-snapshot-*.json} from the working
 * directory, and it is compared with the live snapshot every frame ({@link SnapshotDiff}, refilled in place): per
 * tag, pool and group, what grew, shrank, appeared or went, in KiB. A file that cannot be read shows one line
 * saying why. Listing and loading happen on clicks, not per frame.
 */
final class SnapshotCompare {
    private static final int SHOWN = 14;
    private static final String[] CHANGE = {"appeared", "went", "grew", "shrank", "same"};
    private static final String[] KIND = {"native", "tag", "pool", "group"};
    private static final String[] COUNTED = {"native blocks ", "live allocations ", "live slots ", "allocations "};
    private static final float[][] COLOUR = {
        {0.45f, 0.85f, 1f}, {0.7f, 0.7f, 0.7f}, {1f, 0.75f, 0.3f}, {0.5f, 0.9f, 0.5f}, {0.6f, 0.6f, 0.6f}};

    private final SnapshotFiles files;
    private final SnapshotDiff diff = new SnapshotDiff();
    private String[] names;
    private MemorySnapshot saved;
    private String savedName;
    private String problem;

    SnapshotCompare(SnapshotFiles files) {
        this.files = files;
    }

    /** The list of files is read again when the section is next drawn (after a save, or on the button). */
    void forgetList() {
        names = null;
    }

    void draw(MemorySnapshot now) {
        if (names == null) {
            List<String> l = files.list();
            names = l.toArray(new String[0]);
        }
        if (ImGui.smallButton("list again")) {
            names = null;
            return;
        }
        ImGui.sameLine();
        ImGui.textUnformatted(names.length == 0 ? "no burrow-snapshot-*.json here yet: Save snapshot makes one" : "pick one to compare with now:");
        for (int i = 0; i < Math.min(names.length, 6); i++) {
            if (ImGui.selectable(names[i], names[i].equals(savedName))) {
                load(names[i]);
            }
        }
        if (problem != null) {
            ImGui.pushStyleColor(ImGuiCol.Text, 1f, 0.45f, 0.4f, 1f);
            ImGui.pushTextWrapPos(0);
            ImGui.textUnformatted(problem);
            ImGui.popTextWrapPos();
            ImGui.popStyleColor();
        }
        if (saved != null) {
            table(now);
        }
    }

    private void load(String name) {
        load(files.dir().resolve(name));
    }

    /**
     * Loads a snapshot file to compare with. Anything a file can do to the reader ends as one line (shown in the
     * section, and returned); the last good comparison stays.
     *
     * @return null when loaded, else the problem
     */
    String load(java.nio.file.Path file) {
        String name = String.valueOf(file.getFileName());
        try {
            saved = SnapshotFiles.read(file);
            savedName = name;
            problem = null;
        } catch (RuntimeException e) {
            problem = "cannot compare: " + (e instanceof IllegalArgumentException ? e.getMessage() : name + ": " + e);
        }
        return problem;
    }

    private void table(MemorySnapshot now) {
        SnapshotDiff d = diff.compute(saved, now);
        Figures.label("then ");
        ImGui.textUnformatted(savedName);
        Figures.label("now vs then: ");
        Figures.count(d.count(SnapshotDiff.Change.GREW));
        Figures.then();
        Figures.label(" grew, ");
        Figures.count(d.count(SnapshotDiff.Change.SHRANK));
        Figures.then();
        Figures.label(" shrank, ");
        Figures.count(d.count(SnapshotDiff.Change.APPEARED));
        Figures.then();
        Figures.label(" appeared, ");
        Figures.count(d.count(SnapshotDiff.Change.WENT));
        Figures.then();
        Figures.label(" went, ");
        Figures.count(d.count(SnapshotDiff.Change.SAME));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" same");
        ImGui.pushStyleColor(ImGuiCol.Text, 0.55f, 0.55f, 0.6f, 1f);
        ImGui.textUnformatted("KiB then -> now, and the count when only it moved (hover a row)");
        ImGui.popStyleColor();
        int shown = 0;
        for (int i = 0; i < d.size() && shown < SHOWN; i++) {
            SnapshotDiff.Change c = d.change(i);
            if (c == SnapshotDiff.Change.SAME && d.kind(i) != SnapshotDiff.Kind.NATIVE) {
                continue;
            }
            shown++;
            row(d, i, c.ordinal());
        }
    }

    private static void row(SnapshotDiff d, int i, int change) {
        float[] rgb = COLOUR[change];
        ImGui.pushStyleColor(ImGuiCol.Text, rgb[0], rgb[1], rgb[2], 1f);
        ImGui.textUnformatted(CHANGE[change]);
        ImGui.popStyleColor();
        ImGui.sameLine(58);
        ImGui.textUnformatted(KIND[d.kind(i).ordinal()]);
        ImGui.sameLine(110);
        ImGui.textUnformatted(d.name(i));
        ImGui.sameLine(244);
        Figures.kib(d.beforeBytes(i));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" -> ");
        ImGui.sameLine(0, 0);
        Figures.kib(d.afterBytes(i));
        boolean hovered = ImGui.isItemHovered();
        if (d.deltaBytes(i) == 0 && d.beforeCount(i) != d.afterCount(i)) {
            // Same bytes, different count (slots taken from a slab already held): say what changed.
            ImGui.sameLine();
            Figures.count(d.beforeCount(i));
            Figures.then();
            Figures.label(" -> ");
            Figures.count(d.afterCount(i));
        }
        if (hovered) {
            ImGui.beginTooltip();
            Figures.label("change ");
            ImGui.textUnformatted(d.deltaBytes(i) >= 0 ? "+" : "-");
            ImGui.sameLine(0, 0);
            Figures.kib(Math.abs(d.deltaBytes(i)));
            Figures.label(COUNTED[d.kind(i).ordinal()]);
            Figures.count(d.beforeCount(i));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" -> ");
            ImGui.sameLine(0, 0);
            Figures.count(d.afterCount(i));
            ImGui.endTooltip();
        }
    }
}
