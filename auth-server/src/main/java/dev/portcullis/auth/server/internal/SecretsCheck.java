package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.util.ArrayList;
import java.util.List;

/** Doctor: which operator secrets are set, so which endpoints are on, and the server's warnings. */
final class SecretsCheck implements Doctor.Check {
  private final ServerSettings server;
  private final boolean deployed;

  /** {@code deployed}: staging or production, where a front end may rely on user sync. */
  SecretsCheck(ServerSettings server, boolean deployed) {
    this.server = server;
    this.deployed = deployed;
  }

  @Override
  public List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    if (server.sync().isEmpty()) {
      out.add(
          new Finding(
              deployed ? Level.WARN : Level.INFO,
              "auth.server.sync-secret (env AUTH_SERVER_SYNC_SECRET)",
              "is not set: POST /admin/users/sync is off, so a front end that syncs users on"
                  + " sign-in creates none and they get 401 everywhere.",
              "set AUTH_SERVER_SYNC_SECRET=\"$(openssl rand -base64 32)\" here and in the front"
                  + " end, or ignore this if nothing syncs users"));
    } else {
      out.add(new Finding(Level.OK, "auth.server.sync-secret", "set: user sync is on", null));
    }
    if (server.admin().isEmpty()) {
      out.add(
          new Finding(
              Level.INFO,
              "auth.server.admin-secret",
              "is not set: /admin/lockouts is off (the 'lockouts' command still works)",
              null));
    }
    for (String w : server.warnings()) {
      out.add(new Finding(Level.WARN, "auth.server", w, null));
    }
    return out;
  }
}
