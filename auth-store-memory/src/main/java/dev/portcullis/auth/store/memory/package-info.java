/**
 * In-process adapters for every store port, on Caffeine: {@link
 * dev.portcullis.auth.store.memory.MemoryStoreModule} for Guice, {@link
 * dev.portcullis.auth.store.memory.MemoryStores} without it.
 *
 * <p>Every entry lives exactly as long as it matters, on the injected {@link java.time.Clock}: a
 * failure count for its window, a lock until it ends (plus the lockout memory of progressive
 * locks), a revocation until the last token it concerns expires, a rate-limit bucket until it is
 * full again, a reset token until it expires, a session until its retention after it ended.
 *
 * <p>Memory is bounded per store ({@link dev.portcullis.auth.store.memory.MemoryStoreSettings}). At
 * a bound, stores whose entries protect someone never evict: the login attempt tracker (evicting a
 * lock would let an attacker unlock an account by flooding the tracker with other identifiers), the
 * token blacklist (evicting a revocation would make a revoked token valid again) and the user store
 * refuse new entries with {@code ServiceUnavailableException}, so callers fail closed. Stores whose
 * eviction can only deny something evict their least valuable entries (Caffeine's W-TinyLFU):
 * sessions (a user must log in again), rate-limit buckets (a key gets at most one fresh burst),
 * reset tokens (the user asks for another) and audit records (the oldest go). The module's README
 * gives the measured memory per entry.
 *
 * <p>State is per process: several instances do not share it. Use a database-backed store for more
 * than one instance.
 */
package dev.portcullis.auth.store.memory;
