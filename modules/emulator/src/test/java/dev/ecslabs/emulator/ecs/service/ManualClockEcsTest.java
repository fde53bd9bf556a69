package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A fresh emulator on a manual clock for each test, and an ECS client of account 123456789012:
 * time moves only when the test says {@code clock.advance(...)}. Subclasses set up their cluster
 * in their own {@code @BeforeEach}, which JUnit runs after this one.
 */
abstract class ManualClockEcsTest {
    static final String ACCOUNT = "123456789012";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;

    @BeforeEach
    void startEmulator() {
        clock = new ManualClock();
        emulator = Emulator.builder().clock(clock).port(0).start();
        ecs = AwsClients.ecs(emulator, ACCOUNT);
    }

    @AfterEach
    void stopEmulator() {
        ecs.close();
        emulator.close();
    }
}
