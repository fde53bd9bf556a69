package dev.ecslabs.labkit.cleanup;

import java.util.List;

/**
 * What a clean-up did: what it deleted (or found gone already), and, one sentence each, what it
 * could not delete and why.
 */
public record CleanupReport(ResourceSet deleted, List<String> problems) {

    public CleanupReport {
        problems = List.copyOf(problems);
    }

    public boolean complete() {
        return problems.isEmpty();
    }

    /** In words: "Deleted 3 clusters, 2 services." and each problem on a line of its own. */
    public String describe() {
        StringBuilder text = new StringBuilder(deleted.isEmpty() ? "Nothing needed deleting." : "Deleted " + deleted.describe() + ".");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  ").append(problem));
        return text.toString();
    }
}
