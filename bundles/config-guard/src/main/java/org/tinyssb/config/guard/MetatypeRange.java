package org.tinyssb.config.guard;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The range a setting's metatype description gives ({@code min}, {@code max} of the component's
 * {@code @AttributeDefinition}), which the OSGi metatype API validates but does not show: read from
 * the implementation's attribute definition (Apache Felix's keeps it in its {@code AD}), by
 * reflection so that the launcher, which shares no classes with the framework's bundles, reads it too.
 */
public final class MetatypeRange {
    private MetatypeRange() {
    }

    /** {@code {min, max}} of {@code attributeDefinition}, each null when not given or not readable. */
    public static String[] of(Object attributeDefinition) {
        Object ad = attributeDefinition;
        String[] range = read(ad);
        if (range != null) {
            return range;
        }
        try { // Felix: a localized view over its AD
            Field inner = ad.getClass().getDeclaredField("ad");
            inner.setAccessible(true);
            range = read(inner.get(ad));
        } catch (ReflectiveOperationException | RuntimeException e) {
            range = null;
        }
        return range == null ? new String[2] : range;
    }

    private static String[] read(Object ad) {
        try {
            Method min = ad.getClass().getMethod("getMin");
            Method max = ad.getClass().getMethod("getMax");
            return new String[] {(String) min.invoke(ad), (String) max.invoke(ad)};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
