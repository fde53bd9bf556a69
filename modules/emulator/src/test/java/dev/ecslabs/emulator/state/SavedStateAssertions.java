package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;

/**
 * For tests of an area's saved state: a value whose every record component is set (nothing null,
 * empty, zero or false, down through records, lists, maps and optionals) makes a round trip
 * through {@link SavedStateJson} prove that every component is saved. A component added to a
 * record then fails the test until the test gives it a value, and the round trip shows it saved.
 * SDK model objects are not walked: the wire codec saves every member they have.
 */
public final class SavedStateAssertions {
    private SavedStateAssertions() {
    }

    /** Fails, naming the component, if any component of {@code value} is not set. */
    public static void assertEveryComponentSet(Object value) {
        check(value, value.getClass().getSimpleName());
    }

    private static void check(Object value, String path) {
        if (value == null) {
            fail(path + " is null: give it a value, so that the round trip shows it is saved");
        } else if (value instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                fail(path + " is empty: give it a value, so that the round trip shows it is saved");
            }
            check(optional.get(), path);
        } else if (value instanceof Collection<?> collection) {
            if (collection.isEmpty()) {
                fail(path + " is empty: give it an element, so that the round trip shows its elements are saved");
            }
            int i = 0;
            for (Object element : collection) {
                check(element, path + "[" + i++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                fail(path + " is empty: give it an entry, so that the round trip shows its entries are saved");
            }
            map.forEach((key, element) -> check(element, path + "." + key));
        } else if (value instanceof Number number && number.doubleValue() == 0) {
            fail(path + " is 0, which a component left out of the saved state also reads back as: give it another value");
        } else if (value instanceof Boolean bool && !bool) {
            fail(path + " is false, which a component left out of the saved state also reads back as: make it true");
        } else if (value.getClass().isRecord() && !(value instanceof SdkPojo)) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    check(component.getAccessor().invoke(value), path + "." + component.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("Cannot read " + path + "." + component.getName(), e);
                }
            }
        }
    }
}
