package org.tinyssb.web.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/**
 * An uploaded jar checked before the framework sees it: a whole jar (every entry readable), with a
 * manifest naming an OSGi bundle. Pure: bytes in, the bundle's name and version out, or why not.
 */
record UploadedBundle(String symbolicName, Version version) {
    /** Why an upload is not a bundle. */
    static final class NotABundle extends Exception {
        private static final long serialVersionUID = 1L;

        NotABundle(String message) {
            super(message);
        }
    }

    static UploadedBundle inspect(byte[] jar) throws NotABundle {
        if (jar.length == 0) {
            throw new NotABundle("the upload is empty: send the bundle's jar as the request body");
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
            manifest = in.getManifest();
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // a truncated or damaged jar fails here
            }
        } catch (IOException | SecurityException e) {
            throw new NotABundle("not a readable jar: " + e.getMessage());
        }
        if (manifest == null) {
            throw new NotABundle("not a jar with a manifest (META-INF/MANIFEST.MF): not an OSGi bundle");
        }
        String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new NotABundle("the jar's manifest has no Bundle-SymbolicName: a plain jar, not an OSGi bundle");
        }
        String symbolicName = name.split(";", 2)[0].strip();
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        try {
            return new UploadedBundle(symbolicName, version == null ? Version.emptyVersion : Version.parseVersion(version.strip()));
        } catch (IllegalArgumentException e) {
            throw new NotABundle("Bundle-Version '" + version + "' is not an OSGi version: " + e.getMessage());
        }
    }
}
