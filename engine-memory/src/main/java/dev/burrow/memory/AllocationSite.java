package dev.burrow.memory;

/**
 * Captures where an allocation came from: the first stack frame outside engine-memory, as
 * {@code SimpleClass.method:line}. Costs a stack walk and a String: used only where the debug level says so.
 */
final class AllocationSite {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String OWN_PACKAGE = AllocationSite.class.getPackageName() + '.';

    private AllocationSite() {
    }

    /** @return the caller's site, or {@code "?"} when the whole stack is engine-memory's */
    static String capture() {
        return WALKER.walk(frames -> frames
            .filter(f -> !f.getClassName().startsWith(OWN_PACKAGE) || f.getClassName().contains("Test"))
            .findFirst()
            .map(f -> simpleName(f.getClassName()) + '.' + f.getMethodName() + ':' + f.getLineNumber())
            .orElse("?"));
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
