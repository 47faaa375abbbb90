package org.tinyssb.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.tinyssb.config.guard.SettingCheck;
import org.tinyssb.config.guard.SettingCheck.Setting;

/**
 * The configuration folder checked against the components' metatype descriptions before any
 * component sees it: a value of the wrong type ({@code port = abc}), not among a setting's options
 * ({@code sync = sometimes}), outside its range ({@code goset.cap = 1000}) or with an unfinished
 * {@code ${...}} becomes one line naming the file,
 * the key, the value and what is allowed, and the launch ends with exit code 2 instead of a
 * component failing with a stack trace or running on something else. The check itself is the
 * configuration guard's ({@link SettingCheck}), which applies it while the node runs.
 */
final class ConfigValidation {
    static final String METATYPE_SERVICE = "org.osgi.service.metatype.MetaTypeService";

    private ConfigValidation() {
    }

    /**
     * The problems of the {@code .cfg} files in {@code dir} against {@code described} (settings by
     * PID), one line each; a factory configuration {@code <factory pid>-<name>.cfg} is checked
     * against its factory's description. Keys without a description are left alone (other
     * consumers' settings, framework keys).
     */
    static List<String> check(Path dir, Map<String, Map<String, Setting>> described) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.cfg")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                String name = f.getFileName().toString();
                String pid = name.substring(0, name.length() - ".cfg".length());
                Map<String, Setting> settings = described.get(pid);
                if (settings == null && pid.contains("-")) {
                    settings = described.get(pid.substring(0, pid.indexOf('-')));
                }
                if (settings == null) {
                    continue;
                }
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                for (Map.Entry<String, String> e : new TreeMap<>(asStrings(p)).entrySet()) {
                    Setting s = settings.get(e.getKey());
                    String problem = s == null ? null : SettingCheck.problem(s, e.getValue());
                    if (problem != null) {
                        out.add("config file " + f + ": " + e.getKey() + " = " + e.getValue() + ": " + problem);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, String> asStrings(Properties p) {
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /**
     * The settings every installed bundle describes (PIDs and factory PIDs), read from the
     * framework's MetaType service by reflection: the launcher shares no classes with the bundles.
     * Empty when the service is not there.
     */
    static Map<String, Map<String, Setting>> described(BundleContext context) throws ReflectiveOperationException {
        Map<String, Map<String, Setting>> out = new HashMap<>();
        ServiceReference<?> ref = context.getServiceReference(METATYPE_SERVICE);
        if (ref == null) {
            return out;
        }
        Object service = context.getService(ref);
        try {
            ClassLoader api = service.getClass().getClassLoader();
            Class<?> serviceType = api.loadClass(METATYPE_SERVICE);
            Class<?> infoType = api.loadClass("org.osgi.service.metatype.MetaTypeInformation");
            Class<?> ocdType = api.loadClass("org.osgi.service.metatype.ObjectClassDefinition");
            Class<?> adType = api.loadClass("org.osgi.service.metatype.AttributeDefinition");
            Method information = serviceType.getMethod("getMetaTypeInformation", Bundle.class);
            Method pids = infoType.getMethod("getPids");
            Method factoryPids = infoType.getMethod("getFactoryPids");
            Method ocd = infoType.getMethod("getObjectClassDefinition", String.class, String.class);
            Method attributes = ocdType.getMethod("getAttributeDefinitions", int.class);
            Method id = adType.getMethod("getID");
            Method type = adType.getMethod("getType");
            Method cardinality = adType.getMethod("getCardinality");
            Method options = adType.getMethod("getOptionValues");
            for (Bundle b : context.getBundles()) {
                Object info = information.invoke(service, b);
                if (info == null) {
                    continue;
                }
                List<String> all = new ArrayList<>(Arrays.asList((String[]) pids.invoke(info)));
                all.addAll(Arrays.asList((String[]) factoryPids.invoke(info)));
                for (String pid : all) {
                    Object definition = ocd.invoke(info, pid, Locale.ROOT.toString());
                    Object[] ads = definition == null ? null : (Object[]) attributes.invoke(definition, -1);
                    if (ads == null) {
                        continue;
                    }
                    Map<String, Setting> settings = out.computeIfAbsent(pid, k -> new HashMap<>());
                    for (Object ad : ads) {
                        String[] values = (String[]) options.invoke(ad);
                        String[] range = org.tinyssb.config.guard.MetatypeRange.of(ad);
                        settings.put((String) id.invoke(ad), new Setting((String) id.invoke(ad), (Integer) type.invoke(ad),
                                (Integer) cardinality.invoke(ad), values == null ? List.of() : List.of(values), range[0],
                                range[1]));
                    }
                }
            }
        } finally {
            context.ungetService(ref);
        }
        return out;
    }
}
