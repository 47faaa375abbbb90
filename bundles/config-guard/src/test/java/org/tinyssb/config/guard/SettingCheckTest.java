package org.tinyssb.config.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.config.guard.SettingCheck.Setting;

class SettingCheckTest {
    private static final Setting PORT = new Setting("port", Setting.INTEGER, 0, List.of());
    private static final Setting SYNC = new Setting("sync", Setting.STRING, 0, List.of("always", "batch", "never"));
    private static final Setting FLAG = new Setting("listen.before.talk", Setting.BOOLEAN, 0, List.of());

    @Test
    void aNumberOutsideTheSettingsRangeIsRefusedWithTheRange() {
        Setting cap = new Setting("goset.cap", Setting.INTEGER, 0, List.of(), "1", "255");
        assertNull(SettingCheck.problem(cap, "100"));
        assertEquals("a whole number (32-bit) from 1 to 255 is allowed", SettingCheck.problem(cap, "1000"));
        assertEquals("a whole number (32-bit) from 1 to 255 is allowed", SettingCheck.problem(cap, "0"));
        Setting floor = new Setting("max.open.feeds", Setting.INTEGER, 0, List.of(), "8", null);
        assertEquals("a whole number (32-bit) of at least 8 is allowed", SettingCheck.problem(floor, "2"));
        assertNull(SettingCheck.problem(floor, "100000"));
    }

    /** An attribute definition as Apache Felix's metatype keeps it: a view over an {@code AD} with the range. */
    @Test
    void theRangeIsReadFromTheImplementationsAttributeDefinition() {
        final class AD {
            public String getMin() {
                return "1";
            }

            public String getMax() {
                return "255";
            }
        }
        final class Localized {
            @SuppressWarnings("unused")
            private final AD ad = new AD();
        }
        assertEquals(List.of("1", "255"), List.of(MetatypeRange.of(new AD())));
        assertEquals(List.of("1", "255"), List.of(MetatypeRange.of(new Localized())));
        assertEquals(java.util.Arrays.asList(null, null), java.util.Arrays.asList(MetatypeRange.of("no range")));
    }

    @Test
    void valuesAreCheckedByTypeOptionsAndSubstitution() {
        assertNull(SettingCheck.problem(PORT, " 8080 "));
        assertEquals("a whole number (32-bit) is allowed", SettingCheck.problem(PORT, "abc"));
        assertEquals("a whole number (32-bit) is allowed", SettingCheck.problem(PORT, "99999999999"));
        assertNull(SettingCheck.problem(SYNC, "batch"));
        assertEquals("one of always, batch, never is allowed", SettingCheck.problem(SYNC, "sometimes"));
        assertEquals("true or false is allowed", SettingCheck.problem(FLAG, "yes"));
        assertNull(SettingCheck.problem(FLAG, "TRUE"));
        assertEquals("a number is allowed", SettingCheck.problem(new Setting("loss", Setting.DOUBLE, 0, List.of()), "1,5"));
        Setting dir = new Setting("dir", Setting.STRING, 0, List.of());
        assertEquals("'${' without its '}' (${name} stands for a framework or system property)",
                SettingCheck.problem(dir, "${nope"));
        assertNull(SettingCheck.problem(dir, "${user.home}/tinyssb"), "substituted by FileInstall");
        assertNull(SettingCheck.problem(new Setting("peers", Setting.STRING, -10, List.of("a")), "b,c"),
                "lists are the component's to check");
    }
}
