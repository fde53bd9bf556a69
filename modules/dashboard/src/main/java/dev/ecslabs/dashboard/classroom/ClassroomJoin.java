package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.member.ClassroomMember;
import dev.ecslabs.dashboard.course.Course;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.labkit.SavedSettings;
import java.io.IOException;

/**
 * What {@code ./lab start --join URL --name NAME --code CODE} asks for, checked before anything
 * starts (a typo is a sentence, not a half-started course), and how it starts.
 */
public record ClassroomJoin(URI classroom, LearnerName name, String code) {

    /** Reads the three options: all of them, or none. */
    public static Optional<ClassroomJoin> of(URI classroom, String name, String code) {
        if (classroom == null && name == null && code == null) {
            return Optional.empty();
        }
        if (classroom == null || name == null || code == null || code.isBlank()) {
            throw new IllegalArgumentException("Joining a classroom takes all three: --join URL --name \"Your Name\" --code CODE, "
                    + "as the instructor's classroom page shows them.");
        }
        if (!("http".equals(classroom.getScheme()) || "https".equals(classroom.getScheme())) || classroom.getHost() == null) {
            throw new IllegalArgumentException("--join takes the classroom's URL, such as http://192.168.1.20:7080, not '"
                    + classroom + "'.");
        }
        if (!code.trim().matches("[A-Za-z0-9]{4,32}")) {
            throw new IllegalArgumentException("A join code is 4 to 32 letters and digits, as the classroom page shows it; not '"
                    + code + "'.");
        }
        return Optional.of(new ClassroomJoin(classroom, LearnerName.of(name), code.trim()));
    }

    /**
     * Starts sending this course's results to the classroom, in the background. Whatever goes wrong
     * here is said and leaves the learner's course running: the classroom is never in their way.
     */
    public AutoCloseable start(Course course, PrintWriter out) {
        try {
            return ClassroomMember.start(course.progress(), membershipFile(course), classroom, name, code, out,
                    ClassroomMember.Timings.DEFAULT, course.root());
        } catch (RuntimeException e) {
            out.println("Classroom: could not join " + classroom + ": " + e.getMessage() + " The course runs all the same.");
            out.flush();
            return () -> { };
        }
    }

    /**
     * The room's shared emulator this learner already joined, when they join the same classroom (by
     * its code) again: {@code lab start} then serves the course on it, in the learner's own account.
     */
    public Optional<URI> sharedEmulatorJoinedBefore(Course course) {
        Map<String, String> saved = SavedSettings.of(course.root());
        if (!saved.containsKey("labs.endpoint") || !saved.containsKey("labs.accessKeyId")) {
            return Optional.empty();
        }
        try {
            JsonNode membership = new ObjectMapper().readTree(membershipFile(course).toFile());
            boolean same = membership.path("joined").asBoolean() && membership.path("code").asText().equalsIgnoreCase(code)
                    && saved.get("labs.endpoint").equals(membership.path("emulator").asText())
                    && saved.get("labs.accessKeyId").equals(membership.path("account").asText());
            return same ? Optional.of(URI.create(saved.get("labs.endpoint"))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Waits a moment for the classroom to answer the join that {@link #start} began. */
    public static void awaitJoined(AutoCloseable started, java.time.Duration patience) {
        if (started instanceof ClassroomMember member) {
            try {
                member.awaitJoined(patience);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A learner starting on their own: runs stop going to a classroom's shared emulator they joined before. */
    public static void leave(Course course, PrintWriter out) {
        if (SavedSettings.of(course.root()).containsKey("labs.accessKeyId") && SavedSettings.forget(course.root())) {
            out.println("Runs no longer go to the classroom's shared emulator you joined before (" + SavedSettings.FILE
                    + " removed); ./lab start --join … brings them back.");
            out.flush();
        }
    }

    /** Where the membership and its queue are kept: {@code .labs/classroom-membership.json}. */
    public static Path membershipFile(Course course) {
        return course.toolsDirectory().resolve("classroom-membership.json");
    }
}
