package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.store.redis.RedisStoreSettings;

/**
 * Reads {@code auth.store.redis.*} together with every other area, once per start. Registered in
 * {@code META-INF/services}.
 */
public final class RedisStoreSettingsSection implements SettingsSection<RedisStoreSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public RedisStoreSettingsSection() {}

  @Override
  public Class<RedisStoreSettings> type() {
    return RedisStoreSettings.class;
  }

  @Override
  public RedisStoreSettings read(SettingsReader reader) {
    return RedisStoreSettings.read(reader);
  }
}
