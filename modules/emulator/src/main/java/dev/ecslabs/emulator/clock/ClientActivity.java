package dev.ecslabs.emulator.clock;

/**
 * What a clock learns of the emulator's clients: each request to the emulator is {@link #begin begun}
 * and {@link #end ended}. A {@link JumpingClock} jumps only while no request is in flight.
 */
public interface ClientActivity {

    /** A request arrived; the clock keeps its pace until every request in flight has ended. */
    void begin();

    /** A request was answered (or failed). */
    void end();
}
