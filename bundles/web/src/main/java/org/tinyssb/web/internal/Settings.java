package org.tinyssb.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.tinyssb.config.guard.SettingCheck;

/**
 * The node's settings through the API: every configuration PID that has a metatype description,
 * its attributes with their current values (passwords never shown), and changes validated against
 * that description before anything is written. A change goes into the configuration folder's
 * {@code <pid>.cfg} (the files are the source of truth; comments stay), which the node applies as
 * for any edit.
 */
final class Settings {
    private static final String HIDDEN = "********";
    private final BundleContext context;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin configAdmin;
    private final Path configDir;

    Settings(BundleContext context, MetaTypeService metatype, ConfigurationAdmin configAdmin, Path configDir) {
        this.context = context;
        this.metatype = metatype;
        this.configAdmin = configAdmin;
        this.configDir = configDir;
    }

    /** Every PID with a description: pid, name, bundle. */
    List<Map<String, Object>> list() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pid", pid);
                m.put("name", ocd.getName());
                m.put("bundle", b.getSymbolicName());
                out.put(pid, m);
            }
        }
        return new ArrayList<>(out.values());
    }

    private ObjectClassDefinition definition(String pid) {
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info != null && List.of(info.getPids()).contains(pid)) {
                return info.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }

    /** One PID: its description and attributes with current values; null if there is no such PID. */
    Map<String, Object> describe(String pid) throws IOException {
        ObjectClassDefinition ocd = definition(pid);
        if (ocd == null) {
            return null;
        }
        Dictionary<String, Object> current = current(pid);
        List<Object> attributes = new ArrayList<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", ad.getID());
            a.put("name", ad.getName());
            a.put("description", ad.getDescription());
            a.put("type", type(ad.getType()));
            String[] defaults = ad.getDefaultValue();
            boolean password = ad.getType() == AttributeDefinition.PASSWORD;
            a.put("default", defaults == null || defaults.length == 0 ? null : password ? HIDDEN : defaults[0]);
            Object value = current == null ? null : current.get(ad.getID());
            a.put("value", value == null ? null : password ? HIDDEN : String.valueOf(value));
            if (ad.getOptionValues() != null && ad.getOptionValues().length > 0) {
                List<Object> options = new ArrayList<>();
                for (int i = 0; i < ad.getOptionValues().length; i++) {
                    options.add(Map.of("value", ad.getOptionValues()[i], "label", ad.getOptionLabels()[i]));
                }
                a.put("options", options);
            }
            attributes.add(a);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("name", ocd.getName());
        m.put("description", ocd.getDescription());
        m.put("file", configDir.resolve(pid + ".cfg").toString());
        m.put("attributes", attributes);
        return m;
    }

    private Dictionary<String, Object> current(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a PID: " + pid, e);
        }
    }

    /** Validates {@code values} against {@code pid}'s description and writes them; an answer either way. */
    ApiActions.Answer update(String pid, Map<String, Object> values) throws IOException {
        ObjectClassDefinition ocd = definition(pid);
        if (ocd == null) {
            return ApiActions.Answer.refused(404, "no settings '" + pid + "' (GET /api/config lists them)");
        }
        if (values.isEmpty()) {
            return ApiActions.Answer.refused(400, "nothing to change: send {\"<setting>\": <value>, ...}");
        }
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            ads.put(ad.getID(), ad);
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            AttributeDefinition ad = ads.get(e.getKey());
            if (ad == null) {
                problems.add(e.getKey() + ": no such setting of " + pid + " (there are " + String.join(", ", ads.keySet())
                        + ")");
                continue;
            }
            Object v = e.getValue();
            if (v == null || v instanceof Map || v instanceof List) {
                problems.add(e.getKey() + ": needs a single value");
                continue;
            }
            String text = v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : v.toString();
            // the same check as at start and on every edit of a file (the configuration guard's),
            // then the metatype implementation's own (min/max where a description has them)
            String problem = SettingCheck.problem(new SettingCheck.Setting(ad.getID(), ad.getType(), ad.getCardinality(),
                    ad.getOptionValues() == null ? List.of() : List.of(ad.getOptionValues())), text);
            if (problem == null) {
                problem = ad.validate(text);
            }
            if (problem != null && !problem.isEmpty()) {
                problems.add(e.getKey() + " = " + text + ": " + problem);
                continue;
            }
            accepted.put(e.getKey(), text);
        }
        if (!problems.isEmpty()) {
            return ApiActions.Answer.refused(400, "nothing changed; " + String.join("; ", problems));
        }
        Path file = configDir.resolve(pid + ".cfg");
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Path tmp = configDir.resolve("." + pid + ".cfg.tmp"); // FileInstall ignores names that do not end in .cfg
        Files.writeString(tmp, CfgFile.with(before, accepted), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("file", file.toString());
        Map<String, Object> shown = new LinkedHashMap<>();
        accepted.forEach((k, v) -> shown.put(k, ads.get(k).getType() == AttributeDefinition.PASSWORD ? HIDDEN : v));
        m.put("written", shown);
        return ApiActions.Answer.ok(m);
    }

    static String type(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "string";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "type " + type;
        };
    }
}
