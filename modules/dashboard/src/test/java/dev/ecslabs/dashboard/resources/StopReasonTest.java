package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Which stops are errors, by the stop codes of
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
class StopReasonTest {

    @Test
    @DisplayName("A stop somebody asked for (StopTask, the service scheduler) is normal, not red")
    void askedForStopsAreNormal() {
        assertThat(StopReason.kindOf(stopped("UserInitiated", null))).isEqualTo(StopReason.Kind.NORMAL);
        assertThat(StopReason.kindOf(stopped("ServiceSchedulerInitiated", null))).isEqualTo(StopReason.Kind.NORMAL);
        assertThat(line(stopped("UserInitiated", null)).classNames()).containsExactlyInAnyOrder("stop", "stop-normal");
    }

    @Test
    @DisplayName("A task that failed to start, or whose essential container exited with a non-zero code, is an error")
    void failuresAreErrors() {
        assertThat(StopReason.kindOf(stopped("TaskFailedToStart", null))).isEqualTo(StopReason.Kind.ERROR);
        assertThat(StopReason.kindOf(stopped("EssentialContainerExited", 1))).isEqualTo(StopReason.Kind.ERROR);
        Element line = line(stopped("EssentialContainerExited", 137));
        assertThat(line.classNames()).containsExactlyInAnyOrder("stop", "stop-error");
        assertThat(line.attr("data-stop-kind")).isEqualTo("ERROR");
        assertThat(line.select("> strong").text()).isEqualTo("EssentialContainerExited");
        assertThat(line.text()).isEqualTo("EssentialContainerExited: why · exit code app 137");
    }

    @Test
    @DisplayName("An essential container that exited with 0 finished its work; a Spot interruption is a warning")
    void cleanExitsAndInterruptions() {
        assertThat(StopReason.kindOf(stopped("EssentialContainerExited", 0))).isEqualTo(StopReason.Kind.NORMAL);
        assertThat(StopReason.kindOf(stopped("SpotInterruption", null))).isEqualTo(StopReason.Kind.WARNING);
    }

    /** The stop's line as the resources page shows it. */
    private static Element line(Task task) {
        Element line = Jsoup.parseBodyFragment(StopReason.render(task)).selectFirst("p.stop");
        assertThat(line).isNotNull();
        return line;
    }

    private static Task stopped(String code, Integer exitCode) {
        return Task.builder().lastStatus("STOPPED").stopCode(code).stoppedReason("why")
                .containers(Container.builder().name("app").exitCode(exitCode).build()).build();
    }
}
