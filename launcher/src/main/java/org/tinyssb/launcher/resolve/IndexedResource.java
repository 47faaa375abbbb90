package org.tinyssb.launcher.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/** A bundle of the distribution's repository index: its capabilities, requirements and jar. */
final class IndexedResource implements Resource {
    private final List<Capability> capabilities = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private Path jar;

    /** The jar the index names ({@code osgi.content} url, relative to the index's folder). */
    Path jar() {
        return jar;
    }

    void jar(Path path) {
        this.jar = path;
    }

    /** The value of {@code attribute} of this resource's first capability in {@code namespace}, or null. */
    Object attribute(String namespace, String attribute) {
        for (Capability c : capabilities) {
            if (c.getNamespace().equals(namespace)) {
                return c.getAttributes().get(attribute);
            }
        }
        return null;
    }

    void add(String namespace, boolean capability, Map<String, Object> attributes, Map<String, String> directives) {
        if (capability) {
            capabilities.add(new IndexedCapability(this, namespace, attributes, directives));
        } else {
            requirements.add(new IndexedRequirement(this, namespace, attributes, directives));
        }
    }

    @Override
    public List<Capability> getCapabilities(String namespace) {
        return namespace == null ? Collections.unmodifiableList(capabilities)
                : capabilities.stream().filter(c -> c.getNamespace().equals(namespace)).toList();
    }

    @Override
    public List<Requirement> getRequirements(String namespace) {
        return namespace == null ? Collections.unmodifiableList(requirements)
                : requirements.stream().filter(r -> r.getNamespace().equals(namespace)).toList();
    }

    @Override
    public String toString() {
        return attribute("osgi.identity", "osgi.identity") + " " + attribute("osgi.identity", "version");
    }

    /** What a capability and a requirement of the index both are: a namespace, attributes, directives. */
    private abstract static class Part {
        private final Resource resource;
        private final String namespace;
        private final Map<String, Object> attributes;
        private final Map<String, String> directives;

        Part(Resource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            this.resource = resource;
            this.namespace = namespace;
            this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        }

        public String getNamespace() {
            return namespace;
        }

        public Map<String, String> getDirectives() {
            return directives;
        }

        public Map<String, Object> getAttributes() {
            return attributes;
        }

        public Resource getResource() {
            return resource;
        }

        @Override
        public String toString() {
            return namespace + " " + attributes + " " + directives;
        }
    }

    private static final class IndexedCapability extends Part implements Capability {
        IndexedCapability(Resource resource, String namespace, Map<String, Object> attributes,
                Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }
    }

    private static final class IndexedRequirement extends Part implements Requirement {
        IndexedRequirement(Resource resource, String namespace, Map<String, Object> attributes,
                Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }
    }
}
