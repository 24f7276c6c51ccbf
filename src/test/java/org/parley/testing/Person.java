package org.parley.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at Parley's page, in a Chromium of their own (Debian's, driven by its own chromedriver: nothing is
 * downloaded). Methods are what a person does and sees; waits are for the page, never for a fixed time.
 */
public final class Person implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // the suite runs in a working directory of its own; the build directory is where the WAR is
    private static final Path BUILD = Path.of(System.getProperty("parley.war", "target/parley.war")).getParent();
    private static final Path SCREENSHOTS = BUILD.resolve("screenshots");

    public final String name;
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    private Person(String name) {
        this.name = name;
        Path profile = BUILD.resolve("chromium").resolve(name + "-" + UUID.randomUUID());
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1200,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    /** Opens the page in a new browser. */
    public static Person at(URL base, String name) {
        Person person = new Person(name);
        person.browser.get(base.toString());
        person.wait.until(driver -> !driver.findElement(By.id("connect")).getText().isEmpty());
        return person;
    }

    public void createAccount() {
        fillIn();
        browser.findElement(By.id("signup")).click();
        awaitState("connected");
    }

    public void signIn() {
        fillIn();
        browser.findElement(By.id("password")).sendKeys(Keys.ENTER);
        awaitState("connected");
    }

    private void fillIn() {
        WebElement field = browser.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(SignIn.password(name));
    }

    public void signOut() {
        browser.findElement(By.id("disconnect")).click();
        awaitState("disconnected");
    }

    public void reload() {
        browser.navigate().refresh();
    }

    /** Waits until the page is in this state: connected, connecting, reconnecting or disconnected. */
    public void awaitState(String state) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state));
    }

    public String state() {
        return browser.findElement(By.tagName("body")).getAttribute("data-state");
    }

    /** The ticket the page keeps for this tab, as JSON text. */
    public String storedTicket() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('parley.ticket')");
    }

    public String awaitStoredTicketOtherThan(String old) {
        return wait.until(driver -> {
            String now = storedTicket();
            return now != null && !now.equals(old) ? now : null;
        });
    }

    public String notice() {
        return browser.findElement(By.id("notice-text")).getText();
    }

    public void awaitOnline(String other) {
        wait.until(driver -> {
            List<WebElement> people = driver.findElements(By.cssSelector("#online li[data-user]"));
            return people.stream().anyMatch(p -> other.equals(p.getAttribute("data-user"))
                    && !p.getAttribute("class").contains("away"));
        });
    }

    public void awaitOffline(String other) {
        wait.until(driver -> driver.findElements(By.cssSelector("#online li.away")).stream()
                .anyMatch(p -> other.equals(p.getAttribute("data-user")))
                || driver.findElements(By.cssSelector("#online li[data-user]")).stream()
                        .noneMatch(p -> other.equals(p.getAttribute("data-user"))));
    }

    public void chooseEveryone() {
        browser.findElement(By.cssSelector("#online li.everyone button")).click();
    }

    public void choose(String other) {
        wait.until(driver -> driver.findElements(By.cssSelector("#online li[data-user] button")).stream()
                .filter(b -> other.equals(b.findElement(By.xpath("./..")).getAttribute("data-user")))
                .findFirst().map(b -> {
                    b.click();
                    return true;
                }).orElse(false));
    }

    /** Types the text into the message box and presses Enter, as a person sends. */
    public void say(String text) {
        WebElement box = browser.findElement(By.id("body"));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    /** The message shown with this body, waiting for it: sender, context, time, mark and body as the page shows them. */
    public Shown awaitMessage(String body) {
        WebElement item = wait.until(driver -> driver.findElements(By.cssSelector("#messages li.msg")).stream()
                .filter(li -> body.equals(li.findElement(By.cssSelector(".body")).getText()))
                .findFirst().orElse(null));
        List<WebElement> marks = item.findElements(By.cssSelector(".mark"));
        return new Shown(item.findElement(By.cssSelector(".from")).getText(),
                item.findElement(By.cssSelector(".context")).getText(),
                item.findElement(By.cssSelector("time")).getText(),
                item.findElement(By.cssSelector("time")).getAttribute("datetime"),
                marks.isEmpty() ? "" : marks.get(0).getText(), item.getAttribute("class"),
                item.findElement(By.cssSelector(".body")).getText());
    }

    public record Shown(String from, String context, String time, String sentAt, String mark, String classes,
            String body) {
    }

    public int elementsInMessages(String tag) {
        return browser.findElements(By.cssSelector("#messages " + tag)).size();
    }

    public boolean alertIsOpen() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    public String focusedElementId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
    }

    public String messageBoxText() {
        return browser.findElement(By.id("body")).getAttribute("value");
    }

    public void resize(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    public void screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(file + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
