/**
 * The store SPI: how the node keeps feeds. A storage backend registers one
 * {@link org.tinyssb.api.store.FeedStore} service; the node verifies every entry and chunk before
 * handing it to the store, so a store persists and serves bytes without interpreting them beyond
 * what its own layout needs.
 */
@Export
@Version("2.1.0")
package org.tinyssb.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
