package org.tinyssb.core.internal.engine;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.tinyssb.store.file.internal.FileFeedStore;

/** The file store made as Declarative Services makes it (its configuration naming the folder), for engine tests. */
final class FileStores {
    private FileStores() {
    }

    static FileFeedStore open(Path dir) throws Exception {
        BundleContext noFramework = (BundleContext) Proxy.newProxyInstance(FileStores.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
        return new FileFeedStore(noFramework, new FileFeedStore.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileFeedStore.Config.class;
            }

            @Override
            public String dir() {
                return dir.toString();
            }

            @Override
            public String sync() {
                return "always";
            }

            @Override
            public long sync_interval_ms() {
                return 200;
            }

            @Override
            public int max_open_feeds() {
                return 256;
            }
        });
    }
}
