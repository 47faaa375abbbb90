package org.tinyssb.launcher.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.resolver.Logger;
import org.apache.felix.resolver.ResolverImpl;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.ResolveContext;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.feature.MavenCoordinates;

/**
 * Completes a feature with what its bundles need: the bundles it names are installed (not yet
 * resolved) in the framework, and the framework's own resolver (Felix's {@link ResolverImpl})
 * resolves them against the system bundle, the other installed bundles and the distribution's
 * repository index; the index's bundles it wires to are what the feature did not name. A
 * requirement nothing provides is one line naming it and the bundle that needs it.
 */
public final class FeatureResolver {
    /** A bundle the feature needs without naming it. */
    public record Addition(Path jar, MavenCoordinates id, int startOrder, String neededBy) {
    }

    /** Where the launcher installs feature bundles from (BundleReconciler's prefix). */
    public static final String FEATURE_LOCATION = "feature:";
    private static final Pattern NAMESPACE_VALUE = Pattern.compile("\\(([\\w.\\-]+)=([^)&|!(]+)\\)");

    private FeatureResolver() {
    }

    /**
     * @param context   the initialised framework's context, the feature's bundles installed
     * @param mandatory the feature's bundles: framework location to start order (other bundles of
     *                  {@code feature:} locations, from earlier starts, are chosen again from the
     *                  index or not at all)
     * @param bundles   the distribution's {@code bundles/} (with {@value RepositoryIndex#FILE})
     * @return the bundles to add, empty when the index is absent (a development layout)
     */
    public static List<Addition> additions(BundleContext context, Map<String, Integer> mandatory, Path bundles)
            throws FeatureException {
        Path index = bundles.resolve(RepositoryIndex.FILE);
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        List<IndexedResource> repository = RepositoryIndex.read(index);
        Map<Resource, Integer> startOrders = new HashMap<>();
        Map<Resource, Wiring> wirings = new HashMap<>();
        List<Resource> installed = new ArrayList<>();
        Set<String> installedNames = new HashSet<>();
        List<Resource> toResolve = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null || b.getLocation().startsWith(FEATURE_LOCATION) && !mandatory.containsKey(b.getLocation())) {
                continue;
            }
            installed.add(revision);
            installedNames.add(revision.getSymbolicName());
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) {
                wirings.put(revision, wiring);
            } else if (mandatory.containsKey(b.getLocation())) {
                toResolve.add(revision);
                startOrders.put(revision, mandatory.get(b.getLocation()));
            }
        }
        List<IndexedResource> offered = new ArrayList<>(repository.stream()
                .filter(r -> !installedNames.contains(String.valueOf(r.attribute("osgi.identity", "osgi.identity"))))
                .sorted(Comparator.comparing((IndexedResource r) -> (Version) r.attribute("osgi.identity", "version"))
                        .reversed())
                .toList());
        // one version of an artifact at a time (its framework location is the artifact's): when two
        // are wired, the newest leaves the offer, so that who took it takes an older one that fits all
        List<String> droppedSoFar = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Resource> candidates = new ArrayList<>(installed);
            candidates.addAll(offered);
            Map<Resource, List<Wire>> wires;
            try {
                wires = new ResolverImpl(new Logger(Logger.LOG_ERROR)).resolve(
                        new Context(toResolve, candidates, wirings));
            } catch (ResolutionException e) {
                throw new FeatureException(explain(e, repository) + (droppedSoFar.isEmpty() ? "" : " (with "
                        + String.join(", ", droppedSoFar) + " left out: one artifact is installed in one version only)"));
            }
            Map<Resource, Integer> orders = new HashMap<>(startOrders);
            List<Addition> additions = additionsOf(wires, orders, bundles);
            Map<String, List<Addition>> byArtifact = new LinkedHashMap<>();
            additions.forEach(a -> byArtifact.computeIfAbsent(a.id().key(), k -> new ArrayList<>()).add(a));
            Optional<List<Addition>> twice = byArtifact.values().stream().filter(l -> l.size() > 1).findFirst();
            if (twice.isEmpty()) {
                return additions;
            }
            Set<Path> jars = new HashSet<>();
            twice.get().forEach(a -> jars.add(a.jar()));
            IndexedResource newest = offered.stream().filter(r -> jars.contains(r.jar())).findFirst().orElseThrow();
            offered.remove(newest); // offered is newest first
            droppedSoFar.add(newest.toString());
        }
        throw new FeatureException("the feature's bundles need several versions of one artifact (" + String.join(", ",
                droppedSoFar) + "): name the version to use in the feature");
    }

    private static final int MAX_ATTEMPTS = 8;


    /** The index's bundles among the wired resources, each at the lowest start order of those needing it. */
    private static List<Addition> additionsOf(Map<Resource, List<Wire>> wires, Map<Resource, Integer> startOrders,
            Path bundles) throws FeatureException {
        Map<Resource, String> neededBy = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) { // start orders flow from the feature's bundles to what they need, transitively
            changed = false;
            for (List<Wire> list : wires.values()) {
                for (Wire w : list) {
                    Resource provider = w.getProvider();
                    Integer requirerOrder = startOrders.get(w.getRequirer());
                    if (!(provider instanceof IndexedResource) || requirerOrder == null) {
                        continue;
                    }
                    Integer known = startOrders.get(provider);
                    if (known == null || requirerOrder < known) {
                        startOrders.put(provider, requirerOrder);
                        neededBy.put(provider, name(w.getRequirer()));
                        changed = true;
                    }
                }
            }
        }
        List<Addition> out = new ArrayList<>();
        for (Map.Entry<Resource, String> e : neededBy.entrySet()) {
            IndexedResource r = (IndexedResource) e.getKey();
            out.add(new Addition(r.jar(), coordinates(bundles, r.jar()), startOrders.get(r), e.getValue()));
        }
        out.sort(Comparator.comparing(a -> a.id().toString()));
        return out;
    }

    /** groupId:artifactId:version of a jar in the Maven layout of {@code bundles/}. */
    static MavenCoordinates coordinates(Path bundles, Path jar) throws FeatureException {
        Path relative = bundles.toAbsolutePath().normalize().relativize(jar.toAbsolutePath().normalize());
        int n = relative.getNameCount();
        if (n < 4 || relative.startsWith("..")) {
            throw new FeatureException("repository index names " + jar + ", which is not in the Maven layout of "
                    + bundles + ": rebuild the distribution");
        }
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < n - 3; i++) {
            group.append(i == 0 ? "" : ".").append(relative.getName(i));
        }
        return new MavenCoordinates(group.toString(), relative.getName(n - 3).toString(),
                Optional.of(relative.getName(n - 2).toString()));
    }

    /** One line: which bundle needs what, and who offers something like it if anyone does. */
    static String explain(ResolutionException e, Collection<IndexedResource> repository) {
        Collection<Requirement> unresolved = e.getUnresolvedRequirements();
        if (unresolved == null || unresolved.isEmpty()) {
            String message = String.valueOf(e.getMessage());
            int cut = message.indexOf('\n');
            return "the feature's bundles do not resolve: " + (cut < 0 ? message : message.substring(0, cut));
        }
        Set<String> lines = new LinkedHashSet<>();
        for (Requirement r : unresolved) {
            String filter = r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
            String what = r.getNamespace() + " " + filter;
            Matcher m = NAMESPACE_VALUE.matcher(filter);
            String value = null;
            while (m.find()) {
                if (m.group(1).equals(r.getNamespace())) {
                    value = m.group(2);
                    what = kind(r.getNamespace()) + " " + value + (filter.contains("version") ? " " + versions(filter) : "");
                    break;
                }
            }
            String line = "bundle " + name(r.getResource()) + " needs " + what + ", which no bundle of the distribution "
                    + "provides";
            if (value != null) {
                List<String> near = new ArrayList<>();
                for (IndexedResource candidate : repository) {
                    for (Capability c : candidate.getCapabilities(r.getNamespace())) {
                        if (value.equals(String.valueOf(c.getAttributes().get(r.getNamespace())))) {
                            near.add(candidate + " has version " + c.getAttributes().get("version"));
                        }
                    }
                }
                if (!near.isEmpty()) {
                    line += " in that version (" + String.join("; ", near) + ")";
                } else {
                    line += ": add a bundle that exports it to bundles/ and to the feature";
                }
            }
            lines.add(line);
        }
        return String.join("; ", lines);
    }

    private static String kind(String namespace) {
        return switch (namespace) {
            case "osgi.wiring.package" -> "package";
            case "osgi.wiring.bundle" -> "bundle";
            case "osgi.service" -> "service";
            case "osgi.extender" -> "extender";
            default -> namespace;
        };
    }

    /** The version part of a filter, readable: {@code [1.6.0,2.0.0)}. */
    private static String versions(String filter) {
        Matcher low = Pattern.compile("\\(version>=([^)]+)\\)").matcher(filter);
        Matcher high = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)").matcher(filter);
        String from = low.find() ? low.group(1) : "0";
        String to = high.find() ? high.group(1) : null;
        return to == null ? "(version " + from + " or later)" : "(version " + from + " up to " + to + ")";
    }

    private static String name(Resource r) {
        if (r instanceof BundleRevision b) {
            return b.getSymbolicName();
        }
        if (r instanceof IndexedResource i) {
            return String.valueOf(i.attribute("osgi.identity", "osgi.identity"));
        }
        return String.valueOf(r);
    }

    /** What the resolver asks: the candidates in order (installed first, then the index, newest first). */
    private static final class Context extends ResolveContext {
        private final List<Resource> mandatory;
        private final List<Resource> candidates;
        private final Map<Resource, Wiring> wirings;
        private final Map<String, Optional<Filter>> filters = new HashMap<>();

        Context(List<Resource> mandatory, List<Resource> candidates, Map<Resource, Wiring> wirings) {
            this.mandatory = mandatory;
            this.candidates = candidates;
            this.wirings = wirings;
        }

        @Override
        public Collection<Resource> getMandatoryResources() {
            return mandatory;
        }

        @Override
        public List<Capability> findProviders(Requirement requirement) {
            String text = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            Optional<Filter> parsed = text == null ? null : filters.computeIfAbsent(text, FeatureResolver::filter);
            if (parsed != null && parsed.isEmpty()) {
                return List.of(); // a filter that does not parse matches nothing (the framework will say why)
            }
            Filter filter = parsed == null ? null : parsed.get();
            // an optional need is met by what is there, never a reason to add a bundle (as bnd resolves)
            boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(
                    requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            List<Capability> out = new ArrayList<>();
            for (Resource r : candidates) {
                if (optional && r instanceof IndexedResource) {
                    continue;
                }
                for (Capability c : r.getCapabilities(requirement.getNamespace())) {
                    if (filter == null || filter.matches(c.getAttributes())) {
                        out.add(c);
                    }
                }
            }
            return out;
        }

        @Override
        public int insertHostedCapability(List<Capability> capabilities, HostedCapability hosted) {
            capabilities.add(hosted);
            return capabilities.size() - 1;
        }

        @Override
        public boolean isEffective(Requirement requirement) {
            if (requirement.getNamespace().startsWith("bnd.")) {
                return false; // the indexer's own bookkeeping (multi-release jars): not the framework's
            }
            String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
        }

        @Override
        public Map<Resource, Wiring> getWirings() {
            return wirings;
        }
    }

    /** A requirement's filter, or empty if it does not parse. */
    private static Optional<Filter> filter(String text) {
        try {
            return Optional.of(FrameworkUtil.createFilter(text));
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }
}
