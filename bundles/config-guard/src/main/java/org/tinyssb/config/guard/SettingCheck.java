package org.tinyssb.config.guard;

import java.util.List;

/**
 * Whether a configuration value, as a {@code .cfg} file gives it (text), is what a setting's
 * metatype description allows: its type, its options, a finished {@code ${...}}. Pure: the
 * description and the text in, null or what is allowed out.
 */
public final class SettingCheck {
    /** What the metatype says of one setting: id, type ({@code AttributeDefinition} constants), cardinality, options. */
    public record Setting(String id, int type, int cardinality, List<String> options) {
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
        return null;
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
