package dev.ecslabs.emulator;

import dev.ecslabs.emulator.blob.UploadSpool;
import dev.ecslabs.emulator.clock.ScaledClock;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against a fresh emulator on port 0, started before its tests and closed
 * after them ({@link EmulatorExtension}). Its fields of type {@link Emulator}, the clock
 * ({@code ManualClock}, {@code EmulatorClock}) and every client {@link AwsClients#SERVED} names
 * ({@code EcsClient}, {@code EcrClient}, {@code ServiceDiscoveryClient}), static or not, are filled in
 * before the class's own {@code @BeforeAll}/{@code @BeforeEach} methods run (every field of such a
 * type: a client of another account is assigned there, after); the same types can be parameters of
 * test and lifecycle methods. The clients sign as {@link #account()} and are closed with the emulator.
 * A {@code @Nested} class shares its outer class's emulator unless it carries {@code @EmulatorTest} itself.
 *
 * <pre>{@code
 * @EmulatorTest(account = "123456789012")
 * class ClustersTest {
 *     static ManualClock clock;
 *     static EcsClient ecs;
 *
 *     @Test
 *     void createsACluster() {
 *         ecs.createCluster(b -> b.clusterName("lab"));
 *         clock.advance(Duration.ofMinutes(1));
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmulatorExtension.class)
public @interface EmulatorTest {
    /** The access key id the clients sign with: a 12-digit one is the account, any other the default account 000000000000. */
    String account() default "000000000000";

    /** The emulator's clock. */
    Clock clock() default Clock.MANUAL;

    /** With {@link Clock#SCALED} or {@link Clock#JUMPING}: how many times faster than real time AWS's timeline plays. */
    double speed() default ScaledClock.DEFAULT_SPEED;

    /** One emulator for the class's tests (their names keep them apart), or a fresh one for each test. */
    Scope scope() default Scope.CLASS;

    /** Also starts Cloud Map's DNS server, on a free port ({@code emulator.dnsPort()}). */
    boolean dns() default false;

    /** Bytes of unfinished registry uploads one account may hold. */
    long uploadLimitPerAccount() default UploadSpool.DEFAULT_ACCOUNT_LIMIT;

    /** Bytes of unfinished registry uploads all accounts together may hold. */
    long uploadLimitTotal() default UploadSpool.DEFAULT_TOTAL_LIMIT;

    /** Which clock the emulator runs on. */
    enum Clock {
        /** A {@code ManualClock}: time moves only when the test calls {@code clock.advance(...)}. */
        MANUAL,
        /** A {@code ScaledClock}: real time times {@link #speed()}, as {@code Emulator.start(0)} has. */
        SCALED,
        /** A {@code JumpingClock}: scaled, and jumping to the next due step while no call is in flight. */
        JUMPING
    }

    /** How long one emulator lives. */
    enum Scope {
        /** Started before the class's first test, closed after its last. */
        CLASS,
        /** Started before each test, closed after it: for tests that need an emulator (and a clock) of their own. */
        EACH_TEST
    }
}
