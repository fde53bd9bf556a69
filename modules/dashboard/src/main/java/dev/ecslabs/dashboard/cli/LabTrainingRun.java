package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.dashboard.resources.ResourcesView;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorMain;

/**
 * The training run of the {@code lab} launcher's class-data-sharing archive: what {@code lab start}
 * loads besides the emulator (the resources page reads the emulator through the SDK's clients, whose
 * region metadata and HTTP client are a good part of the start), then the emulator's own training
 * run ({@code EmulatorMain --training-run}), which ends the JVM normally so that
 * {@code -XX:ArchiveClassesAtExit} writes the archive.
 */
public final class LabTrainingRun {
    private LabTrainingRun() {
    }

    public static void main(String[] args) {
        EmulatorMain.skipJettysMBeanQuery();
        try (Emulator emulator = Emulator.builder().port(0).start();
             ResourcesView resources = new ResourcesView(BackendConnection.learnerAccount("the course's emulator",
                     emulator.url()))) {
            resources.render();
        }
        EmulatorMain.main(new String[] {"--training-run"});
    }
}
