/**
 * The public chat of the tinySSB apps as a service: {@link org.tinyssb.app.chat.ChatService}
 * posts messages to the node's feed and reads the conversation of every replicated feed, and sends
 * and reads private messages ({@link org.tinyssb.app.chat.PrivateMessage}).
 */
@Export
@Version("1.1.0")
package org.tinyssb.app.chat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
