package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.protocol.AwsException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scheduled actions' expressions (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html). */
class ScheduleTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant CREATED = Instant.parse("2026-03-02T08:00:00Z"); // a Monday

    @Test
    @DisplayName("cron(0 9 ? * MON-FRI *) in New York runs at 9:00 local time on weekdays only (1 = Sunday in AWS's day numbers)")
    void cronInATimeZone() {
        Schedule weekdays = Schedule.parse("cron(0 9 ? * MON-FRI *)", ZoneId.of("America/New_York"));
        assertThat(weekdays.dueAt(Instant.parse("2026-03-02T14:00:00Z"), CREATED)).as("Monday 9:00 EST").isTrue();
        assertThat(weekdays.dueAt(Instant.parse("2026-03-02T09:00:00Z"), CREATED)).as("9:00 UTC").isFalse();
        assertThat(weekdays.dueAt(Instant.parse("2026-03-07T14:00:00Z"), CREATED)).as("Saturday").isFalse();
        assertThat(Schedule.parse("cron(0 9 ? * 1 *)", UTC).dueAt(Instant.parse("2026-03-08T09:00:00Z"), CREATED))
                .as("1 is Sunday").isTrue();
        assertThat(Schedule.parse("cron(0/15 * * * ? *)", UTC).dueAt(Instant.parse("2026-03-02T10:45:00Z"), CREATED)).isTrue();
        assertThat(Schedule.parse("cron(0/15 * * * ? *)", UTC).dueAt(Instant.parse("2026-03-02T10:50:00Z"), CREATED)).isFalse();
    }

    @Test
    @DisplayName("rate(2 hours) runs every two hours from the start; at(...) runs once, in its minute")
    void rateAndAt() {
        Schedule rate = Schedule.parse("rate(2 hours)", UTC);
        assertThat(rate.dueAt(CREATED, CREATED)).as("not at the start itself").isFalse();
        assertThat(rate.dueAt(CREATED.plusSeconds(7200), CREATED)).isTrue();
        assertThat(rate.dueAt(CREATED.plusSeconds(3600), CREATED)).isFalse();
        Schedule at = Schedule.parse("at(2026-03-02T10:30:00)", ZoneId.of("Europe/Berlin"));
        assertThat(at.dueAt(Instant.parse("2026-03-02T09:30:00Z"), CREATED)).isTrue();
        assertThat(at.dueAt(Instant.parse("2026-03-02T09:31:00Z"), CREATED)).isFalse();
    }

    @Test
    @DisplayName("Bad expressions are ValidationExceptions that say what is expected")
    void badExpressions() {
        assertThatThrownBy(() -> Schedule.parse("rate(1 hours)", UTC)).isInstanceOf(AwsException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> Schedule.parse("cron(0 9 * * *)", UTC)).hasMessageContaining("six fields");
        assertThatThrownBy(() -> Schedule.parse("cron(0 25 * * ? *)", UTC)).hasMessageContaining("'25'");
        assertThatThrownBy(() -> Schedule.parse("cron(0 9 L * ? *)", UTC)).hasMessageContaining("L, W and #");
        assertThatThrownBy(() -> Schedule.parse("every day", UTC)).hasMessageContaining("at(yyyy-mm-ddThh:mm:ss)");
        assertThatThrownBy(() -> Schedule.zone("Mars/Olympus")).hasMessageContaining("IANA");
    }
}
