package dev.portcullis.auth.server.pages;

/** The end of the device flow: "you can return to your device", or that it was denied. */
public record DonePage(boolean approved) {}
