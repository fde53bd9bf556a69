package dev.ecslabs.courseapp;

import java.util.function.Supplier;

/** A value made once, at first use, by any thread: the app's SDK clients, built only when an AWS call is made. */
final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    Memoized(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T known = value;
        if (known == null) {
            synchronized (this) {
                if (value == null) {
                    value = make.get();
                }
                known = value;
            }
        }
        return known;
    }
}
