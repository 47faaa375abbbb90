/**
 * Pure tinySSB codecs: bytes in, values out. No I/O, no clocks, no logging, no shared mutable
 * state. Malformed input is reported with {@link org.tinyssb.codec.CodecException} (or a
 * subclass), never with an index error.
 */
@Export
@Version("1.2.0")
package org.tinyssb.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
