package org.tinyssb.launcher.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.osgi.framework.Version;
import org.tinyssb.launcher.feature.FeatureException;

/**
 * The repository index of the distribution's {@code bundles/} (OSGi Repository XML, R5: what bnd's
 * indexer writes at build time) read into resources. Typed attributes become Java values as the
 * specification says (Version, Long, Double, String and their lists) so that requirement filters
 * compare them as the framework would.
 */
final class RepositoryIndex {
    /** Its file name in {@code bundles/}. */
    static final String FILE = "index.xml";

    private RepositoryIndex() {
    }

    /** The bundles of {@code index} (synthetic helper resources of bnd left out). */
    static List<IndexedResource> read(Path index) throws FeatureException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        List<IndexedResource> resources = new ArrayList<>();
        try (InputStream in = Files.newInputStream(index)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            IndexedResource resource = null;
            String namespace = null;
            boolean capability = false;
            Map<String, Object> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "resource" -> resource = new IndexedResource();
                        case "capability", "requirement" -> {
                            capability = xml.getLocalName().equals("capability");
                            namespace = xml.getAttributeValue(null, "namespace");
                            attributes = new LinkedHashMap<>();
                            directives = new LinkedHashMap<>();
                        }
                        case "attribute" -> attributes.put(xml.getAttributeValue(null, "name"),
                                typed(xml.getAttributeValue(null, "value"), xml.getAttributeValue(null, "type")));
                        case "directive" -> directives.put(xml.getAttributeValue(null, "name"),
                                xml.getAttributeValue(null, "value"));
                        default -> {
                            // repository, referral: nothing to keep
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "capability", "requirement" -> {
                            if (resource != null && namespace != null) {
                                resource.add(namespace, capability, attributes, directives);
                            }
                        }
                        case "resource" -> {
                            if (resource != null && "osgi.bundle".equals(resource.attribute("osgi.identity", "type"))
                                    && resource.attribute("osgi.content", "url") instanceof String url) {
                                resource.jar(index.getParent().resolve(url).normalize());
                                resources.add(resource);
                            }
                            resource = null;
                        }
                        default -> {
                        }
                    }
                }
            }
        } catch (IOException | XMLStreamException | IllegalArgumentException e) {
            throw new FeatureException("repository index " + index + " is unreadable (" + e.getMessage()
                    + "): rebuild the distribution");
        }
        return resources;
    }

    /** An attribute's value as its type says (OSGi Repository 132.5.6). */
    static Object typed(String value, String type) {
        if (value == null) {
            throw new IllegalArgumentException("an attribute without a value");
        }
        if (type == null || type.equals("String")) {
            return value;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            String element = type.substring(5, type.length() - 1);
            List<Object> list = new ArrayList<>();
            for (String part : value.split("\\s*(?<!\\\\),\\s*")) {
                list.add(typed(part.replace("\\,", ","), element));
            }
            return list;
        }
        return switch (type) {
            case "Version" -> Version.parseVersion(value.strip());
            case "Long" -> Long.valueOf(value.strip());
            case "Double" -> Double.valueOf(value.strip());
            default -> throw new IllegalArgumentException("unknown attribute type " + type);
        };
    }
}
