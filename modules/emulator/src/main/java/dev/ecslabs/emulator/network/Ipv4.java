package dev.ecslabs.emulator.network;

/** IPv4 addresses as ints, and back to dotted text. */
final class Ipv4 {
    private Ipv4() {
    }

    static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    static int of(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
