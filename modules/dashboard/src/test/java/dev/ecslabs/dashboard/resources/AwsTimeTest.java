package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Times on the resources page, for an emulator whose clock has run 20× faster for an hour: hours ahead of the wall clock. */
class AwsTimeTest {
    private static final Instant REAL_NOW = Instant.parse("2026-12-02T15:00:00Z");
    /** One real hour after the emulator started at 14:00, its clock shows 14:00 + 20 h. */
    private static final Instant AWS_NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final AwsTime time = new AwsTime(AWS_NOW, REAL_NOW, 20.0);

    @Test
    @DisplayName("Something that happened 40 minutes ago in AWS time shows as such, at the real time 2 minutes ago, not 19 hours ahead")
    void agoInAwsTimeWithTheRealTimeBeside() {
        Instant created = AWS_NOW.minus(Duration.ofMinutes(40));

        Element shown = Jsoup.parseBodyFragment(time.ago(created)).body();

        String realTime = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(REAL_NOW.minus(Duration.ofMinutes(2)));
        assertThat(shown.select("> time").text()).isEqualTo("40 min ago");
        assertThat(shown.select("> time").attr("datetime")).as("the AWS timestamp, for a machine").isEqualTo(created.toString());
        assertThat(shown.select("> span.real").text()).isEqualTo("(" + realTime + ")");
        assertThat(time.realTimeOf(created)).isEqualTo(REAL_NOW.minus(Duration.ofMinutes(2)));
        assertThat(shown.text()).as("what the learner reads")
                .doesNotContain(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(created));
    }

    @Test
    @DisplayName("The page says once how much faster AWS time runs; on a backend in real time it says nothing of the kind")
    void theNote() {
        Element note = Jsoup.parseBodyFragment(time.note()).selectFirst("p.time-note");
        assertThat(note.attr("data-speed")).isEqualTo("20");
        assertThat(note.text()).startsWith("AWS time runs 20× faster here").contains("takes 1 s on the course's emulator");
        assertThat(Jsoup.parseBodyFragment(new AwsTime(REAL_NOW, REAL_NOW, 1.0).note()).select("p.time-note").text())
                .doesNotContain("faster");
    }

    @Test
    @DisplayName("The speed and the clock come from the emulator's health; without one the backend runs in real time")
    void fromHealth() throws Exception {
        var health = new ObjectMapper().readTree("{\"status\":\"running\",\"clock\":{\"now\":\"" + AWS_NOW + "\",\"speed\":20.0}}");

        assertThat(AwsTime.of(Optional.of(health)).speed()).isEqualTo(20.0);
        assertThat(AwsTime.of(Optional.of(health)).awsNow()).isEqualTo(AWS_NOW);
        assertThat(AwsTime.of(Optional.empty()).speed()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("Durations read as a person says them")
    void durations() {
        assertThat(AwsTime.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(AwsTime.duration(Duration.ofSeconds(20))).isEqualTo("20 s");
        assertThat(AwsTime.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(AwsTime.duration(Duration.ofMinutes(124))).isEqualTo("2 h 4 min");
        assertThat(AwsTime.duration(Duration.ofHours(74))).isEqualTo("3 d 2 h");
    }
}
