package org.tinyssb.launcher;

import java.nio.file.Path;

/**
 * The launcher's command line.
 *
 * @param feature        a feature name (looked up in the distribution's features/) or a path to a
 *                       feature file
 * @param dataDir        where the node keeps keys, feeds and the framework's bundle cache
 * @param configDir      watched folder of {@code <pid>.cfg} files
 * @param deployDir      watched folder of bundle jars
 * @param configExplicit whether the config folder was named on the command line (then it must
 *                       exist; the default one is created)
 * @param shell          whether to start the interactive Gogo shell on the console
 * @param logLevel       level of the node's log output
 * @param help           whether only the usage was asked for
 */
public record LauncherOptions(String feature, Path dataDir, Path configDir, Path deployDir,
        boolean configExplicit, boolean shell, String logLevel, boolean help) {

    /** The feature started without --feature: an assembled distribution's own (its bin/ sets it), else default. */
    public static final String DEFAULT_FEATURE = System.getProperty(AssembleCommand.FEATURE_PROPERTY, "default");

    static final String USAGE = String.join("\n",
            "Usage: tinyssb-node [options]",
            "",
            "Starts a tinySSB node: an OSGi framework provisioned from a feature.",
            "",
            "  --feature NAME|FILE  node build to start: a feature in the distribution's",
            "                       features/ folder, or a feature file (default: " + DEFAULT_FEATURE + ")",
            "  --data DIR           keys, feeds and bundle cache (default: ./data)",
            "  --config DIR         watched folder of <pid>.cfg files (default: ./config)",
            "  --deploy DIR         watched folder of bundle jars (default: ./deploy)",
            "  --no-shell           no interactive shell: for running as a service",
            "  --log-level LEVEL    error, warn, info, debug or trace (default: info)",
            "  --help               this text",
            "  --version            the version of tinyssb-node, Java and the OSGi framework",
            "",
            "",
            "tinyssb-node status [--url URL] prints a running node's links and feeds, read through",
            "its web console (feature web; default URL " + StatusCommand.DEFAULT_URL + ").",
            "",
            "tinyssb-node assemble --feature NAME|FILE --out DIR writes a trimmed distribution of one",
            "node build: exactly the bundles the feature resolves to.",
            "",
            "Exit codes: 0 stopped normally, 1 the node failed, 2 bad input.");

    /** Parses {@code args}; a {@link LaunchException} names the offending argument. */
    public static LauncherOptions parse(String... args) throws LaunchException {
        String feature = DEFAULT_FEATURE;
        Path data = Path.of("data");
        Path config = Path.of("config");
        Path deploy = Path.of("deploy");
        boolean configExplicit = false;
        boolean shell = true;
        String logLevel = "info";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new LauncherOptions(feature, data, config, deploy, false, shell, logLevel, true);
                }
                case "--no-shell" -> shell = false;
                case "--feature" -> feature = value(args, ++i, arg);
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--config" -> {
                    config = Path.of(value(args, ++i, arg));
                    configExplicit = true;
                }
                case "--deploy" -> deploy = Path.of(value(args, ++i, arg));
                case "--log-level" -> logLevel = logLevel(value(args, ++i, arg));
                default -> throw LaunchException.badInput("unknown option '" + arg
                        + "' (see --help)");
            }
        }
        return new LauncherOptions(feature, data.toAbsolutePath().normalize(),
                config.toAbsolutePath().normalize(), deploy.toAbsolutePath().normalize(),
                configExplicit, shell, logLevel, false);
    }

    private static String value(String[] args, int i, String option) throws LaunchException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw LaunchException.badInput("option " + option + " needs a value (see --help)");
        }
        return args[i];
    }

    private static String logLevel(String level) throws LaunchException {
        String l = level.toLowerCase(java.util.Locale.ROOT);
        return switch (l) {
            case "error", "warn", "info", "debug", "trace" -> l;
            default -> throw LaunchException.badInput("unknown log level '" + level
                    + "': use error, warn, info, debug or trace");
        };
    }
}
