package org.tinyssb.config.guard;

import java.util.List;

/**
 * Whether a configuration value, as a {@code .cfg} file gives it (text), is what a setting's
 * metatype description allows: its type, its options, its range, a finished {@code ${...}}. Pure:
 * the description and the text in, null or what is allowed out.
 */
public final class SettingCheck {
    /**
     * What the metatype says of one setting: id, type ({@code AttributeDefinition} constants),
     * cardinality, options, and the smallest and largest value allowed (null: none), as text.
     */
    public record Setting(String id, int type, int cardinality, List<String> options, String min, String max) {
        public static final int STRING = 1;
        public static final int LONG = 2;
        public static final int INTEGER = 3;
        public static final int SHORT = 4;
        public static final int CHARACTER = 5;
        public static final int BYTE = 6;
        public static final int DOUBLE = 7;
        public static final int FLOAT = 8;
        public static final int BOOLEAN = 11;
        public static final int PASSWORD = 12;

        public Setting {
            options = List.copyOf(options);
        }

        /** A setting without bounds. */
        public Setting(String id, int type, int cardinality, List<String> options) {
            this(id, type, cardinality, options, null, null);
        }
    }

    private SettingCheck() {
    }

    /** Why {@code value} is not a valid {@code setting}, saying what is allowed; null if it is valid. */
    public static String problem(Setting setting, String value) {
        String v = value.strip();
        int open = v.indexOf("${");
        if (open >= 0 && v.indexOf('}', open) < 0) {
            return "'${' without its '}' (${name} stands for a framework or system property)";
        }
        if (setting.cardinality() != 0 || v.contains("${")) {
            return null; // lists and substituted values: their parts are checked by the component
        }
        if (!setting.options().isEmpty() && !setting.options().contains(v)) {
            return "one of " + String.join(", ", setting.options()) + " is allowed";
        }
        try {
            switch (setting.type()) {
                case Setting.LONG -> Long.parseLong(v);
                case Setting.INTEGER -> Integer.parseInt(v);
                case Setting.SHORT -> Short.parseShort(v);
                case Setting.BYTE -> Byte.parseByte(v);
                case Setting.DOUBLE -> Double.parseDouble(v);
                case Setting.FLOAT -> Float.parseFloat(v);
                case Setting.BOOLEAN -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return "true or false is allowed";
                    }
                }
                case Setting.CHARACTER -> {
                    if (v.length() != 1) {
                        return "one character is allowed";
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            return "a " + typeName(setting.type()) + " is allowed";
        }
        return outOfRange(setting, v);
    }

    /** Why a number is outside the setting's bounds, or null. */
    private static String outOfRange(Setting setting, String v) {
        if ((setting.min() == null && setting.max() == null) || setting.type() == Setting.STRING
                || setting.type() == Setting.BOOLEAN || setting.type() == Setting.CHARACTER
                || setting.type() == Setting.PASSWORD) {
            return null;
        }
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(v);
            boolean low = setting.min() != null && value.compareTo(new java.math.BigDecimal(setting.min().strip())) < 0;
            boolean high = setting.max() != null && value.compareTo(new java.math.BigDecimal(setting.max().strip())) > 0;
            if (!low && !high) {
                return null;
            }
            String what = "a " + typeName(setting.type());
            if (setting.min() != null && setting.max() != null) {
                return what + " from " + setting.min().strip() + " to " + setting.max().strip() + " is allowed";
            }
            return setting.min() != null ? what + " of at least " + setting.min().strip() + " is allowed"
                    : what + " of at most " + setting.max().strip() + " is allowed";
        } catch (NumberFormatException e) {
            return null; // bounds the description gives in another form: left to the component
        }
    }

    static String typeName(int type) {
        return switch (type) {
            case Setting.LONG -> "whole number (64-bit)";
            case Setting.INTEGER -> "whole number (32-bit)";
            case Setting.SHORT -> "whole number (16-bit)";
            case Setting.BYTE -> "whole number (8-bit)";
            case Setting.DOUBLE, Setting.FLOAT -> "number";
            default -> "value";
        };
    }
}
