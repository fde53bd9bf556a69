package dev.ecslabs.dashboard.run;

import java.time.Duration;

/**
 * How compiling a lab went: whether its classes are fresh, and otherwise javac's errors as a
 * learner reads them ({@code src/main/java/…/GettingStarted.java:20: cannot find symbol …}), or, when
 * the lab tool lacks a library the lab's pom names, the sentence that says so ({@link #learnersCode()}
 * is false then: nothing for the learner to fix).
 */
public record CompileResult(boolean compiled, String errors, Duration took, boolean learnersCode) {

    static CompileResult ok(Duration took) {
        return new CompileResult(true, "", took, true);
    }

    static CompileResult failed(String errors, Duration took) {
        return new CompileResult(false, errors, took, true);
    }

    static CompileResult libraryMissing(String explanation, Duration took) {
        return new CompileResult(false, explanation, took, false);
    }
}
