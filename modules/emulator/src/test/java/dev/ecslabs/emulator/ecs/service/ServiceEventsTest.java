package dev.ecslabs.emulator.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * A service's event log as AWS keeps it: "we only show the 100 most recent events and duplicate
 * event messages are omitted until either the cause is resolved or six hours passes"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html).
 */
class ServiceEventsTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @DisplayName("Events are kept newest first, the 100 most recent only")
    void keepsTheHundredNewest() {
        ServiceEvents events = new ServiceEvents();
        for (int i = 0; i < 150; i++) {
            events.add(T.plusSeconds(i), "event " + i);
        }

        List<ServiceEvent> kept = events.newestFirst();

        assertThat(kept).hasSize(100);
        assertThat(kept.get(0).message()).isEqualTo("event 149");
        assertThat(kept.get(99).message()).isEqualTo("event 50");
        assertThat(kept).extracting(ServiceEvent::id).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("A message that repeats the newest one is left out for six hours; after another message, or six hours, it is kept")
    void omitsRepeatsForSixHours() {
        ServiceEvents events = new ServiceEvents();
        String stuck = ServiceEvents.unableToConsistentlyStart("web");

        events.add(T, stuck);
        events.add(T.plus(Duration.ofHours(1)), stuck);
        events.add(T.plus(Duration.ofHours(6)), stuck);
        events.add(T.plus(Duration.ofHours(7)), ServiceEvents.steadyState("web"));
        events.add(T.plus(Duration.ofHours(7)), stuck);

        assertThat(events.newestFirst()).extracting(ServiceEvent::createdAt).containsExactly(
                T.plus(Duration.ofHours(7)), T.plus(Duration.ofHours(7)), T.plus(Duration.ofHours(6)), T);
    }

    @Test
    @DisplayName("The messages are AWS's: started and stopped tasks, a replacement for an unhealthy task, a placement failure")
    void speaksAwsWords() {
        assertThat(ServiceEvents.started("web", List.of("a1", "b2"), 0))
                .isEqualTo("(service web) has started 2 tasks: (task a1) (task b2).");
        assertThat(ServiceEvents.started("web", List.of("c3"), 1))
                .isEqualTo("(service web) has started 1 tasks: (task c3). Amazon ECS replaced 1 tasks due to an unhealthy status.");
        assertThat(ServiceEvents.stopped("web", List.of("a1"))).isEqualTo("(service web) has stopped 1 running tasks: (task a1).");
        assertThat(ServiceEvents.unableToPlaceTask("web", "CannotPullContainerError: pull access denied"))
                .isEqualTo("(service web) was unable to place a task. Reason: CannotPullContainerError: pull access denied.");
    }
}
