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
