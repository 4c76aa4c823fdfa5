/**
 * Redis adapters (Lettuce) for the hot, short-lived store ports that a fleet shares: lockout, rate
 * limits, revocations, single-use keys, authorization codes and device grants. Every
 * read-modify-write is one Lua script; time comes from the caller's clock; a Redis that cannot
 * answer makes every call fail closed with {@code service_unavailable}. Durable state (users,
 * sessions, clients, consents, reset tokens, audit) stays in {@code auth-store-jdbc}: install
 * {@code new RedisStoreModule(settings).over(new JdbcStoreModule(settings))}.
 */
package dev.portcullis.auth.store.redis;
