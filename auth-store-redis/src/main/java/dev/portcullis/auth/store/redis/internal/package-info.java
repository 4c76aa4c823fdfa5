/** The Redis adapters, their Lua scripts and failure translation; not part of the API. */
package dev.portcullis.auth.store.redis.internal;
