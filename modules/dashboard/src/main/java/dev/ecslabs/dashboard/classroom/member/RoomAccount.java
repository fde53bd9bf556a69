package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.labkit.SavedSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The learner's own account on a classroom's shared emulator, saved where every runner of the
 * course reads its settings ({@link SavedSettings}): Maven, the IDE, {@code ./lab check} and the
 * dashboard then work in that account, never in the room's shared default account 000000000000.
 */
final class RoomAccount {
    private static final String WHY = "Saved by ./lab start --join: the classroom's shared emulator and your own account on it";

    private final Path courseRoot;
    private final PrintWriter out;

    /** @param courseRoot the course to save in; {@code null} saves nothing (a simulated learner in a test) */
    RoomAccount(Path courseRoot, PrintWriter out) {
        this.courseRoot = courseRoot;
        this.out = out;
    }

    void save(Optional<String> account, Optional<String> emulator, boolean say) {
        if (courseRoot == null || account.isEmpty() || emulator.isEmpty()) {
            if (say && account.isPresent()) {
                forget();
            }
            return;
        }
        Map<String, String> settings = Map.of("labs.backend", "endpoint", "labs.endpoint", emulator.get(),
                "labs.accessKeyId", account.get());
        if (!settings.equals(SavedSettings.of(courseRoot))) {
            SavedSettings.save(courseRoot, settings, WHY);
        }
        if (say) {
            out.println("Classroom: the room's shared emulator is " + emulator.get() + "; your own account there is "
                    + account.get() + ". Every run of the course (./lab check and watch, Maven, your IDE) now works in it: "
                    + "it is saved in " + SavedSettings.FILE + ". The dashboard shows it after ./lab start --join again.");
            out.flush();
        }
    }

    /** Forgets a previous classroom's shared emulator: runs go back to the learner's own emulator. */
    void forget() {
        if (courseRoot != null && SavedSettings.of(courseRoot).containsKey("labs.accessKeyId") && SavedSettings.forget(courseRoot)) {
            out.println("Classroom: runs no longer use a previous classroom's shared emulator (" + SavedSettings.FILE
                    + " removed).");
            out.flush();
        }
    }
}
