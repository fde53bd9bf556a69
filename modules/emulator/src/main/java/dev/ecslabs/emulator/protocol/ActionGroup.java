package dev.ecslabs.emulator.protocol;

/** A class of one service area's action handlers, which adds them to the operation table. */
public interface ActionGroup {
    void register(OperationTable table);
}
