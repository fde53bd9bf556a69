package dev.ecslabs.dashboard.resources;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The calls a backend refused while one section was read, each said once at the section's end:
 * an action the emulator does not implement yet would otherwise repeat under every cluster.
 */
final class Unanswered {
    private final Map<String, String> byAction = new LinkedHashMap<>();

    /** True when this action already failed in this reading: don't ask again. */
    boolean refused(String action) {
        return byAction.containsKey(action);
    }

    void add(String action, SdkException e) {
        byAction.putIfAbsent(action, Markup.why(e));
    }

    /** Why each refused action failed, in the order they failed (template {@code resources/unanswered.jte}). */
    Map<String, String> byAction() {
        return byAction;
    }
}
