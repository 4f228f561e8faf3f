package dev.burrow.dungeon.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict command-line parser: {@code --flag value} and boolean {@code --flag}, every flag declared up front, so a
 * typo is an error naming the flag instead of a silently ignored option.
 */
public final class Args {
    private final String command;
    private final Map<String, Boolean> declared = new LinkedHashMap<>(); // flag -> takes a value
    private final Map<String, String> values = new HashMap<>();

    /** @param command the sub-command, for messages (e.g. "stress --regen") */
    public Args(String command) {
        this.command = command;
    }

    /** Declares {@code --name VALUE}. @param name without dashes @return this */
    public Args value(String name) {
        declared.put(name, true);
        return this;
    }

    /** Declares the boolean {@code --name}. @param name without dashes @return this */
    public Args flag(String name) {
        declared.put(name, false);
        return this;
    }

    /**
     * @param argv the arguments after the sub-command
     * @return this
     * @throws UsageException for an unknown flag, a missing value, a repeated flag or a stray word
     */
    public Args parse(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + OneLine.of(a) + "' (flags start with --; see --help)");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Boolean takesValue = declared.get(name);
            if (takesValue == null) {
                throw new UsageException(command + ": unknown flag --" + OneLine.of(name) + " (known: " + known() + ")");
            }
            if (values.containsKey(name)) {
                throw new UsageException(command + ": --" + OneLine.of(name) + " given twice");
            }
            if (takesValue) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= argv.length || (argv[i + 1].startsWith("--") && argv[i + 1].length() > 2)) {
                        throw new UsageException(command + ": --" + name + " needs a value");
                    }
                    v = argv[++i];
                }
                values.put(name, v);
            } else {
                if (inline != null) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                values.put(name, "true");
            }
        }
        return this;
    }

    private String known() {
        StringBuilder b = new StringBuilder();
        for (String k : declared.keySet()) {
            b.append(b.length() == 0 ? "" : ", ").append("--").append(k);
        }
        return b.toString();
    }

    /** @param name a boolean flag @return whether it was given */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @param name a value flag @param fallback default @return the value or the default */
    public String string(String name, String fallback) {
        String v = values.get(name);
        return v == null ? fallback : v;
    }

    /**
     * @param name a value flag
     * @param fallback default when absent
     * @param min smallest accepted
     * @param max largest accepted
     * @return the number
     * @throws UsageException naming the flag when it is not a whole number (ASCII digits, {@code _} between them
     *         allowed) in range
     */
    public long number(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().replace("_", "");
        long n;
        try {
            if (!AsciiDigits.isDecimal(t)) {
                throw new NumberFormatException(); // parseLong takes any Unicode digit
            }
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            String why = AsciiDigits.isDecimal(t) ? " must be between " + min + " and " + max : " must be a whole number";
            throw new UsageException(command + ": --" + name + why + ", got '" + OneLine.of(v) + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    /**
     * A seed: any 64-bit number, decimal or 0x-hex, in ASCII digits.
     *
     * @param name the flag
     * @param fallback default
     * @return the seed
     */
    public long seed(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            String t = v.trim();
            boolean hex = t.startsWith("0x") || t.startsWith("0X");
            if (hex ? !AsciiDigits.isHex(t.substring(2)) : !AsciiDigits.isDecimal(t)) {
                throw new NumberFormatException(); // the parsers take any Unicode digit, and a sign after 0x
            }
            return hex ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number (decimal or 0x hex), got '" + OneLine.of(v) + "'");
        }
    }

    /**
     * {@code WxH}, each side within bounds.
     *
     * @param name the flag
     * @param fallbackW default width
     * @param fallbackH default height
     * @param min smallest side
     * @param max largest side
     * @return {width, height}
     */
    public int[] size(String name, int fallbackW, int fallbackH, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return new int[] {fallbackW, fallbackH};
        }
        String[] p = v.toLowerCase(java.util.Locale.ROOT).split("x", -1); // -1: "80x50x" keeps its empty third part
        int w;
        int h;
        try {
            if (p.length != 2 || !AsciiDigits.isDecimal(p[0].trim()) || !AsciiDigits.isDecimal(p[1].trim())) {
                throw new NumberFormatException(); // parseInt takes any Unicode digit
            }
            w = Integer.parseInt(p[0].trim());
            h = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must look like 80x50, got '" + OneLine.of(v) + "'");
        }
        if (w < min || h < min || w > max || h > max) {
            throw new UsageException(command + ": --" + name + " sides must be between " + min + " and " + max + ", got " + w + "x" + h);
        }
        return new int[] {w, h};
    }
}
