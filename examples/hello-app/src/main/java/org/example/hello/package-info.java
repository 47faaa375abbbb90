/** A first tinySSB app: greetings that every node publishes and reads ({@link org.example.hello.HelloBoard}). */
@Export
@Version("1.0.0")
package org.example.hello;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
