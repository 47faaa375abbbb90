package org.tinyssb.core.internal.identity;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FolderLock;
import org.tinyssb.api.IdentityService;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.api.DataDirectory;

/**
 * The node's identities, kept in its key store. Also offers the signing keys to the rest of the
 * core bundle through {@link SigningKeys}, which is private to this bundle. The
 * {@link IdentityService} is registered by the component itself, so that its
 * {@value IdentityService#NODE_ID_PROPERTY} property follows the node's identity when it is renewed.
 */
@Component(service = SigningKeys.class, configurationPid = IdentityComponent.PID, immediate = true)
@Designate(ocd = IdentityComponent.Config.class)
public final class IdentityComponent implements IdentityService, SigningKeys {
    static final String PID = "org.tinyssb.core.identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityComponent.class);

    @ObjectClassDefinition(name = "tinySSB identities",
            description = "Where the node keeps the Ed25519 seeds of its identities.")
    public @interface Config {
        @AttributeDefinition(name = "Key folder",
                description = "Folder of the key files; empty means 'keys' in the node's data directory.")
        String keys_dir() default "";
    }

    static final String LOCK_FILE = "keys.lock";

    private final KeyFileStore store;
    private final FolderLock lock;
    private volatile SigningKey nodeKey;
    private volatile ServiceRegistration<IdentityService> registration;
    private final List<FeedId> identities = new CopyOnWriteArrayList<>();
    private final Map<FeedId, SigningKey> keys = new ConcurrentHashMap<>();

    @Activate
    public IdentityComponent(BundleContext context, Config config) throws IOException {
        this(new KeyFileStore(DataDirectory.resolve(
                context.getProperty(DataDirectory.DATA_DIR_PROPERTY), config.keys_dir(), "keys"),
                new SecureRandom(), LOG::warn));
        registration = context.registerService(IdentityService.class, this, properties());
    }

    private Dictionary<String, Object> properties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(NODE_ID_PROPERTY, nodeKey.feedId().toHex());
        return p;
    }

    IdentityComponent(KeyFileStore store) throws IOException {
        this.store = store;
        store.ensureDirectory();
        // two processes signing with the same keys would fork the feeds: one key folder, one node
        this.lock = FolderLock.acquire(store.dir(), LOCK_FILE, "key folder");
        try {
            this.nodeKey = store.loadOrCreateNodeKey();
            add(nodeKey);
            for (SigningKey k : store.loadOtherKeys()) {
                add(k);
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LOG.info("node identity {} (local identities: {}, keys in {})", nodeKey.feedId(),
                identities.size(), store.dir());
    }

    private void add(SigningKey key) {
        keys.put(key.feedId(), key);
        identities.add(key.feedId());
    }

    @Deactivate
    void deactivate() throws IOException {
        ServiceRegistration<IdentityService> r = registration;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // withdrawn with the bundle already
            }
        }
        lock.close();
    }

    @Override
    public FeedId nodeId() {
        return nodeKey.feedId();
    }

    @Override
    public List<FeedId> identities() {
        return new ArrayList<>(identities);
    }

    @Override
    public synchronized FeedId createIdentity() {
        try {
            SigningKey key = store.createKey();
            add(key);
            LOG.info("created local identity {}", key.feedId());
            return key.feedId();
        } catch (IOException e) {
            throw new IllegalStateException("cannot store a new identity in " + store.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized FeedId renewNodeIdentity() {
        SigningKey old = nodeKey;
        try {
            SigningKey fresh = store.renewNodeKey(old);
            keys.put(fresh.feedId(), fresh);
            identities.add(0, fresh.feedId());
            nodeKey = fresh;
            ServiceRegistration<IdentityService> r = registration;
            if (r != null) {
                r.setProperties(properties());
            }
            LOG.info("node identity renewed: {} (was {}, kept as a local identity)", fresh.feedId(), old.feedId());
            return fresh.feedId();
        } catch (IOException e) {
            throw new IllegalStateException("cannot renew the node identity in " + store.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean isLocal(FeedId feed) {
        return keys.containsKey(feed);
    }

    @Override
    public Optional<byte[]> curve25519Agreement(FeedId local, byte[] curve25519Public) {
        SigningKey key = keys.get(local);
        return key == null ? Optional.empty() : key.curve25519Agreement(curve25519Public);
    }

    @Override
    public Optional<SigningKey> signingKey(FeedId feed) {
        return Optional.ofNullable(keys.get(feed));
    }
}
