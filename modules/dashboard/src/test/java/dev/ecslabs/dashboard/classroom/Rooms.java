package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.dashboard.classroom.room.CourseOutline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Classrooms for the tests: opened in this JVM on 127.0.0.1, over a course shaped like the whole course. */
public final class Rooms {
    /** The course's seven labs (00 to 06), with as many exercises as the course has or plans: 49 in all. */
    public static final CourseOutline FULL_COURSE = outline(4, 8, 7, 8, 8, 7, 7);

    private Rooms() {
    }

    /** Labs 00, 01, … with these many exercises each. */
    public static CourseOutline outline(int... exercisesPerLab) {
        List<CourseOutline.Lab> labs = new ArrayList<>();
        for (int lab = 0; lab < exercisesPerLab.length; lab++) {
            String id = String.format("%02d", lab);
            List<CourseOutline.Exercise> exercises = new ArrayList<>();
            for (int number = 1; number <= exercisesPerLab[lab]; number++) {
                exercises.add(new CourseOutline.Exercise(id + "." + number, "Exercise " + number + " of lab " + id));
            }
            labs.add(new CourseOutline.Lab(id, "Lab " + id + " — Topic " + id, exercises));
        }
        return new CourseOutline(labs);
    }

    /** A classroom on 127.0.0.1 ({@code port} 0: any free port), keeping its state in {@code dir}. */
    public static Classroom open(Path dir, int port, String code, CourseOutline course) {
        return open("127.0.0.1", dir, port, code, course, false);
    }

    /** A classroom on 127.0.0.1 whose clock the test moves. */
    public static Classroom open(Path dir, String code, CourseOutline course, Clock clock) {
        try {
            return Classroom.open(new Classroom.Settings("127.0.0.1", 0, dir, Optional.ofNullable(code), course,
                    Optional.empty(), false, clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classroom listening on {@code host}, its page for this machine only or for the network too. */
    public static Classroom open(String host, Path dir, int port, String code, CourseOutline course, boolean pageOnNetwork) {
        try {
            return Classroom.open(new Classroom.Settings(host, port, dir, Optional.ofNullable(code), course,
                    Optional.empty(), pageOnNetwork, Clock.systemUTC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
