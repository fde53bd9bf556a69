package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.member.ClassroomMember;
import dev.ecslabs.dashboard.course.Course;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

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
                    ClassroomMember.Timings.DEFAULT);
        } catch (RuntimeException e) {
            out.println("Classroom: could not join " + classroom + ": " + e.getMessage() + " The course runs all the same.");
            out.flush();
            return () -> { };
        }
    }

    /** Where the membership and its queue are kept: {@code .labs/classroom-membership.json}. */
    public static Path membershipFile(Course course) {
        return course.toolsDirectory().resolve("classroom-membership.json");
    }
}
