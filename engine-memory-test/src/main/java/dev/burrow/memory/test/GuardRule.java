package dev.burrow.memory.test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One of the {@link MemoryGuardRules}, with its allow-list: classes that may break the rule, each with the reason
 * written down. Check it with {@link #check(JavaClasses)} (which also fails on allow-list entries that no longer
 * break the rule, so the list cannot rot), or hand {@link #rule()} to ArchUnit's {@code @ArchTest}.
 */
public final class GuardRule {
    private final String description;
    private final Function<JavaClass, List<String>> detector;
    private final Map<String, String> allowed = new LinkedHashMap<>();

    GuardRule(String description, Function<JavaClass, List<String>> detector) {
        this.description = description;
        this.detector = detector;
    }

    /**
     * Allows a class (and the classes nested in it) to break the rule.
     *
     * @param className the fully qualified name, e.g. {@code com.example.render.Screenshot}
     * @param reason why it may: one sentence a reviewer can judge; must not be blank
     * @return this
     */
    public GuardRule allow(String className, String reason) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("allow: name the class");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("allow(" + className + "): give the reason it may break \"" + description + "\"");
        }
        allowed.put(className, reason);
        return this;
    }

    /**
     * {@link #allow(String, String)} by class.
     *
     * @param type the class
     * @param reason why it may break the rule
     * @return this
     */
    public GuardRule allow(Class<?> type, String reason) {
        return allow(type.getName(), reason);
    }

    /** @return the allow-list: class name to reason, in the order given */
    public Map<String, String> allowed() {
        return Collections.unmodifiableMap(allowed);
    }

    /**
     * What the rule finds in {@code classes}, allowed or not.
     *
     * @param classes imported classes
     * @return one line per offending access: where it is and what it does
     */
    public List<String> findings(JavaClasses classes) {
        List<String> all = new ArrayList<>();
        for (JavaClass c : classes) {
            all.addAll(detector.apply(c));
        }
        Collections.sort(all);
        return all;
    }

    /**
     * Fails when a class outside the allow-list breaks the rule, or when an allow-list entry no longer does.
     *
     * @param classes imported classes, e.g. {@code new ClassFileImporter().importPackages("com.example")}
     * @throws AssertionFailedError listing every violation and every unused allowance, or when {@code classes} is
     *         empty (a mistyped package would otherwise pass)
     */
    public void check(JavaClasses classes) {
        if (!classes.iterator().hasNext()) {
            // A typo in a package name would otherwise make every rule pass.
            throw new AssertionFailedError("Rule '" + description + "' was given no classes: check what was imported");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> used = new LinkedHashMap<>();
        for (String name : allowed.keySet()) {
            used.put(name, false);
        }
        for (JavaClass c : classes) {
            List<String> found = detector.apply(c);
            if (found.isEmpty()) {
                continue;
            }
            String allowance = allowanceFor(c);
            if (allowance != null) {
                used.put(allowance, true);
            } else {
                problems.addAll(found);
            }
        }
        Collections.sort(problems);
        for (Map.Entry<String, Boolean> e : used.entrySet()) {
            if (!e.getValue()) {
                problems.add("allow-list entry " + e.getKey() + " no longer breaks the rule (or was not imported): remove it");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("Rule '" + description + "' was violated (" + problems.size() + " times):\n  "
                + String.join("\n  ", problems));
        }
    }

    /**
     * The rule as an ArchUnit rule (allow-listed classes skipped; unused allowances are not reported here, use
     * {@link #check(JavaClasses)} for that).
     *
     * @return the rule
     */
    public ArchRule rule() {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>(description) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (allowanceFor(c) == null) {
                    for (String f : detector.apply(c)) {
                        events.add(SimpleConditionEvent.violated(c, f));
                    }
                }
            }
        }).as(description);
    }

    private String allowanceFor(JavaClass c) {
        String name = c.getName();
        for (String a : allowed.keySet()) {
            if (name.equals(a) || name.startsWith(a + "$")) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return description + (allowed.isEmpty() ? "" : " (allowed: " + allowed.keySet() + ")");
    }
}
