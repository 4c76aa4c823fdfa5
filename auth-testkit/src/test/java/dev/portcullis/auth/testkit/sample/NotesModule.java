package dev.portcullis.auth.testkit.sample;

import com.google.inject.AbstractModule;

/** The application's own module: it binds its service and nothing of Portcullis. */
public final class NotesModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(NotesService.class);
  }
}
