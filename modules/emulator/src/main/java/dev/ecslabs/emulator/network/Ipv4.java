package dev.ecslabs.emulator.network;

/** IPv4 addresses as ints, and back to dotted text. */
final class Ipv4 {
    private Ipv4() {
    }

    static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** The address of dotted text such as {@code 172.31.0.4}; throws for anything else. */
    static int parse(String dotted) {
        String[] octets = dotted.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
        }
        int address = 0;
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
            }
            address = (address << 8) | value;
        }
        return address;
    }

    static int of(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
