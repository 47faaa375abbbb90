package org.tinyssb.config.guard.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.config.guard.SettingCheck;

/**
 * A ConfigAdmin plugin: every configuration on its way to a component (Declarative Services reads
 * them through the plugins) is checked against the component's metatype description. A value the
 * description does not allow (a typo in a {@code .cfg} file edited on a running node) does not
 * reach the component: it keeps the last good value of that setting (or its default if it never
 * had one), and the node says so in one line, once per bad value.
 */
// immediate: ConfigAdmin gets and ungets the plugin for each read; a delayed component would be
// made anew each time and forget the last good values
@Component(service = ConfigurationPlugin.class, immediate = true,
        property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public final class ConfigGuard implements ConfigurationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigGuard.class);
    /** Bad values already reported, so a configuration read again is not reported again. */
    private static final int MAX_REPORTED = 1024;

    private final MetaTypeService metatype;
    private final Map<String, Object> lastGood = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    @Activate
    public ConfigGuard(@Reference MetaTypeService metatype) {
        this.metatype = metatype;
    }

    @Override
    public synchronized void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        ObjectClassDefinition ocd = describe(reference == null ? null : reference.getBundle(),
                factoryPid instanceof String f ? f : pid instanceof String p ? p : null);
        if (ocd == null) {
            return;
        }
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            Object value = properties.get(ad.getID());
            String key = pid + "/" + ad.getID();
            if (!(value instanceof String text)) {
                continue; // typed values were set through the API and are converted by the component
            }
            String problem = SettingCheck.problem(setting(ad), text);
            if (problem == null) {
                lastGood.put(key, value);
                continue;
            }
            Object good = lastGood.get(key);
            if (good != null) {
                properties.put(ad.getID(), good);
            } else {
                properties.remove(ad.getID());
            }
            if (reported.size() < MAX_REPORTED && reported.add(key + "=" + text)) {
                LOG.warn("configuration {}: {} = {}: {}; {}", pid, ad.getID(), text, problem,
                        good != null ? "it keeps " + good : "it takes its default");
            }
        }
    }

    private ObjectClassDefinition describe(Bundle bundle, String id) {
        if (bundle == null || id == null) {
            return null;
        }
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null || !(List.of(info.getPids()).contains(id) || List.of(info.getFactoryPids()).contains(id))) {
            return null;
        }
        try {
            return info.getObjectClassDefinition(id, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static SettingCheck.Setting setting(AttributeDefinition ad) {
        String[] options = ad.getOptionValues();
        String[] range = org.tinyssb.config.guard.MetatypeRange.of(ad);
        return new SettingCheck.Setting(ad.getID(), ad.getType(), ad.getCardinality(),
                options == null ? List.of() : List.of(options), range[0], range[1]);
    }
}
