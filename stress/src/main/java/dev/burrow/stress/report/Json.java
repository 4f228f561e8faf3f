package dev.burrow.stress.report;

import java.util.Locale;

/** A tiny streaming JSON writer for reports: objects, arrays, numbers, strings, booleans. */
public final class Json {
    private final StringBuilder b = new StringBuilder(4096);
    private boolean needComma;

    /** @return this, after '{' */
    public Json open() {
        comma();
        b.append('{');
        needComma = false;
        return this;
    }

    /** @param key name @return this, after "key":{ */
    public Json open(String key) {
        key(key);
        b.append('{');
        needComma = false;
        return this;
    }

    /** @return this, after '}' */
    public Json close() {
        b.append('}');
        needComma = true;
        return this;
    }

    /** @param key name @return this, after "key":[ */
    public Json array(String key) {
        key(key);
        b.append('[');
        needComma = false;
        return this;
    }

    /** @return this, after ']' */
    public Json end() {
        b.append(']');
        needComma = true;
        return this;
    }

    /** @return this */
    public Json field(String key, long v) {
        key(key);
        b.append(v);
        needComma = true;
        return this;
    }

    /** @return this; NaN and infinities become null */
    public Json field(String key, double v) {
        key(key);
        b.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null");
        needComma = true;
        return this;
    }

    /** @return this */
    public Json field(String key, boolean v) {
        key(key);
        b.append(v);
        needComma = true;
        return this;
    }

    /** @return this */
    public Json field(String key, String v) {
        key(key);
        quote(v);
        needComma = true;
        return this;
    }

    /** Raw JSON (e.g. a snapshot's own toJson()). @return this */
    public Json raw(String key, String json) {
        key(key);
        b.append(json);
        needComma = true;
        return this;
    }

    private void key(String k) {
        comma();
        quote(k);
        b.append(':');
    }

    private void comma() {
        if (needComma) {
            b.append(',');
        }
    }

    private void quote(String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
