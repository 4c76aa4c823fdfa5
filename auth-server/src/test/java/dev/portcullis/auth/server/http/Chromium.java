package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its chromium-driver, for the page tests: headless, with the
 * flags this sandbox needs (no background networking, a fresh profile), a phone-sized window, and
 * lookups that wait for their element (a click that submits a form may return before the next page
 * is there). Nothing is downloaded: a machine without the packages fails with how to install them.
 */
final class Chromium implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriverService service;
  final WebDriver driver;

  private Chromium(ChromeDriverService service, WebDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** A browser with a fresh profile in {@code profile}. */
  static Chromium start(Path profile) throws IOException {
    assertThat(new File(CHROMIUM))
        .as(
            "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium"
                + " chromium-driver (.ci/run does)")
        .exists();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=412,860",
        "--user-data-dir=" + profile.toAbsolutePath());
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    Files.createDirectories(SCREENSHOTS);
    return new Chromium(service, driver);
  }

  /** Fills the sign-in form and submits it. */
  void signIn(String identifier, String password) {
    driver.findElement(By.id("identifier")).clear();
    driver.findElement(By.id("identifier")).sendKeys(identifier);
    driver.findElement(By.id("password")).sendKeys(password);
    submit(driver.findElement(By.id("sign-in")));
  }

  /**
   * Clicks {@code button} and waits until its page is gone (the form's answer has loaded), so that
   * what the test reads next (such as the title) is the next page's, not this one's.
   */
  void submit(org.openqa.selenium.WebElement button) {
    button.click();
    // Gone once any call on it fails: Chromium says "stale element" or, while the next page is
    // replacing the document, "Node with given id does not belong to the document".
    waiting()
        .until(
            d -> {
              try {
                button.isEnabled();
                return false;
              } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
              }
            });
  }

  /** The text of the element with this id. */
  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) throws IOException {
    Files.write(
        SCREENSHOTS.resolve(name + ".png"),
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** A wait of up to 10 s for a condition. */
  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
