/**
 * The memory adapters and their helpers. Not part of the module's contract: use {@link
 * dev.portcullis.auth.store.memory.MemoryStores} or {@link
 * dev.portcullis.auth.store.memory.MemoryStoreModule}.
 */
package dev.portcullis.auth.store.memory.internal;
