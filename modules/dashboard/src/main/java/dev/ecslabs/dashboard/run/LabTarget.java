package dev.ecslabs.dashboard.run;

import java.net.URI;
import java.util.Optional;

/**
 * Where a lab run's AWS calls go. With {@code ./lab start} running, runs from the command line and
 * the dashboard go to its endpoint (the learner then sees on the resources page what their code
 * created); without it, to labkit's in-process emulator, kept warm between runs. A backend the
 * learner chose themselves ({@code labs.backend} / {@code LABS_BACKEND}) is left as it is.
 */
public record LabTarget(Kind kind, Optional<URI> endpoint, String emulator) {

    public enum Kind { EMBEDDED, ENDPOINT, AWS, AS_CONFIGURED }

    public static LabTarget embedded() {
        return embedded("");
    }

    /**
     * labkit's in-process emulator of this name ({@code labs.embeddedEmulator}): runs at the same time each on their
     * own, so that each emulator's jumping clock hears only its own run's calls (the course check's threads).
     */
    public static LabTarget embedded(String emulator) {
        return new LabTarget(Kind.EMBEDDED, Optional.empty(), emulator);
    }

    public static LabTarget endpoint(URI endpoint) {
        return new LabTarget(Kind.ENDPOINT, Optional.of(endpoint), "");
    }

    /** The learner's AWS account, which {@code ./lab start --backend aws} was told yes to: runs go there, tagged. */
    public static LabTarget aws() {
        return new LabTarget(Kind.AWS, Optional.empty(), "");
    }

    public static LabTarget asConfigured() {
        return new LabTarget(Kind.AS_CONFIGURED, Optional.empty(), "");
    }

    /**
     * True when the learner set {@code labs.backend} or {@code LABS_BACKEND} themselves, or joining a
     * classroom saved its shared emulator for every runner ({@code .labs/settings.properties}).
     */
    public static boolean learnerChoseABackend() {
        return dev.ecslabs.labkit.LabSettings.backendChosen();
    }

    /** In words, for the line a run prints first. */
    public String describe() {
        return switch (kind) {
            case EMBEDDED -> "the in-process emulator (start ./lab start to see your resources on the dashboard)";
            case ENDPOINT -> "the course's endpoint " + endpoint.orElseThrow();
            case AWS -> "your AWS account (labs.backend=aws; what the labs create is tagged ecs-labs:lab and deleted after each test class)";
            case AS_CONFIGURED -> "the backend you configured (labs.backend / LABS_BACKEND)";
        };
    }
}
