/**
 * The types and services applications program against: {@link org.tinyssb.api.FeedId},
 * {@link org.tinyssb.api.EntryContent}, the {@link org.tinyssb.api.NodeService} to publish,
 * read and follow feeds, the {@link org.tinyssb.api.IdentityService} for the node's own keys,
 * the {@link org.tinyssb.api.FeedListener} whiteboard for new entries, and the
 * {@link org.tinyssb.api.AppListener} whiteboard for applications (every entry, decoded, catching up first).
 */
@Export
@Version("2.8.0")
package org.tinyssb.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
