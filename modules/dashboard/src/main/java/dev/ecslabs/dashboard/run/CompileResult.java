package dev.ecslabs.dashboard.run;

import java.time.Duration;

/**
 * How compiling a lab went: whether its classes are fresh, and otherwise javac's errors as a
 * learner reads them ({@code src/main/java/…/GettingStarted.java:20: cannot find symbol …}).
 */
public record CompileResult(boolean compiled, String errors, Duration took) {

    static CompileResult ok(Duration took) {
        return new CompileResult(true, "", took);
    }

    static CompileResult failed(String errors, Duration took) {
        return new CompileResult(false, errors, took);
    }
}
