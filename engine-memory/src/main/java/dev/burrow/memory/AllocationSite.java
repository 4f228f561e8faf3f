package dev.burrow.memory;

/**
 * Captures where an allocation came from: the first stack frame outside engine-memory and LWJGL, as
 * {@code SimpleClass.method:line} (so a {@code MemoryUtil.memAlloc} names the game's line that called it, not
 * LWJGL's); the first frame outside engine-memory when the whole stack is LWJGL's. Costs a stack walk and a String:
 * used only where the debug level says so.
 */
final class AllocationSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String OWN_PACKAGE = AllocationSite.class.getPackageName();
    private static final Object OWN_CODE = codeOf(AllocationSite.class);
    private static final String LWJGL = "org.lwjgl.";

    private AllocationSite() {
    }

    /** @return the caller's site, or {@code "?"} when the whole stack is engine-memory's */
    static String capture() {
        return WALKER.walk(frames -> {
            StackWalker.StackFrame firstOutside = null;
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (isEngine(c)) {
                    continue;
                }
                if (!c.getName().startsWith(LWJGL)) {
                    return describe(f);
                }
                if (firstOutside == null) {
                    firstOutside = f;
                }
            }
            return firstOutside == null ? "?" : describe(firstOutside);
        });
    }

    /** Site prefix of an allocation LWJGL's own Java code made for itself (its static state, GL capabilities). */
    static final String LWJGL_OWN = "LWJGL, for ";
    /** Site prefix of an allocation native code made through the allocator's function pointers (stb and such). */
    static final String NATIVE = "native code, for ";
    private static final String MEMORY_API = "org.lwjgl.system.MemoryUtil";

    /**
     * The site of an LWJGL allocation, telling who asked: the game through {@code MemoryUtil}
     * ({@code Game.load:42}), LWJGL's own code ({@value #LWJGL_OWN}{@code Game.init:12}: a callback's call interface,
     * a context's capabilities: state LWJGL keeps and frees itself, if ever), or native code through the function
     * pointers ({@value #NATIVE}{@code Game.decode:7}). The frame named is the first that is neither Burrow's, LWJGL's
     * nor the JDK's (class loading runs static initialisers), else the first outside Burrow.
     *
     * @return the site
     */
    static String captureLwjgl() {
        return WALKER.walk(frames -> {
            boolean fromNative = false;
            String who = null;
            StackWalker.StackFrame firstOutside = null;
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (isEngine(c)) {
                    fromNative |= c.getName().startsWith(NativeCallbacks.class.getName());
                    continue;
                }
                String name = c.getName();
                if (who == null) {
                    who = fromNative ? NATIVE : name.startsWith(MEMORY_API) || !name.startsWith(LWJGL) ? "" : LWJGL_OWN;
                }
                if (firstOutside == null) {
                    firstOutside = f;
                }
                if (!name.startsWith(LWJGL) && !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                    return who + describe(f);
                }
            }
            return firstOutside == null ? "?" : (who == null ? "" : who) + describe(firstOutside);
        });
    }

    private static String describe(StackWalker.StackFrame f) {
        return simpleName(f.getClassName()) + '.' + f.getMethodName() + ':' + f.getLineNumber();
    }

    /** Engine code: this package, from this library's jar or class folder (tests in the package are user code). */
    private static boolean isEngine(Class<?> c) {
        return c.getPackageName().equals(OWN_PACKAGE) && java.util.Objects.equals(codeOf(c), OWN_CODE);
    }

    private static Object codeOf(Class<?> c) {
        java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == null ? null : cs.getLocation();
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
