package org.parley.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
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
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 800;
    // the page's longest wait between reconnect attempts, and time for the attempt itself
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30).plus(WAIT);
    // the suite runs in a working directory of its own; the build directory is where the WAR is
    private static final Path BUILD = Path.of(System.getProperty("parley.war", "target/parley.war")).getParent();
    private static final Path SCREENSHOTS = BUILD.resolve("screenshots");

    public final String name;
    private final ChromeDriver browser;
    // where its storage is, to be emptied when it is given back: the server's origin
    private String origin = "";
    private final WebDriverWait wait;

    /**
     * Browsers a closed Person left, emptied, for the next: starting Chromium and its driver takes 3 to 5 s here, most
     * of a browser test's time. What a page keeps (storage, cookies, caches) is cleared when it is given back, so a
     * browser taken from here knows no more than a new one.
     */
    private static final Deque<ChromeDriver> IDLE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IDLE.forEach(ChromeDriver::quit), "quit idle browsers"));
    }

    private Person(String name) {
        this.name = name;
        ChromeDriver idle = IDLE.poll();
        browser = idle != null ? idle : newBrowser();
        // Waits retry rather than fail when the page re-renders an element between finding and reading it.
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    private void visit(URL base, String page) {
        origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        browser.get(base + page);
    }

    private static ChromeDriver newBrowser() {
        Path profile = BUILD.resolve("chromium").resolve(UUID.randomUUID().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + WIDTH + "," + HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens the page in a new browser. */
    public static Person at(URL base, String name) {
        Person person = new Person(name);
        person.visit(base, "");
        person.wait.until(driver -> !driver.findElement(By.id("connect")).getText().isEmpty());
        return person;
    }

    /** Opens the operator's page (admin.html) in a new browser. */
    public static Person atAdminPage(URL base, String name) {
        Person person = new Person(name);
        person.visit(base, "admin.html");
        person.wait.until(driver -> driver.findElement(By.id("admin-sign-in")).isDisplayed());
        return person;
    }

    /** Signs in on the operator's page, and waits for the list of who is online. */
    public void signInAsOperator() {
        browser.findElement(By.id("admin-name")).sendKeys(name);
        browser.findElement(By.id("admin-password")).sendKeys(SignIn.password(name), Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "signed-in"));
    }

    /** On the operator's page: lists who is online with this prefix, and waits until this person is or is not. */
    public void awaitListedOnline(String prefix, String other, boolean listed) {
        WebElement field = browser.findElement(By.id("admin-prefix"));
        field.clear();
        field.sendKeys(prefix, Keys.ENTER);
        wait.until(driver -> (Boolean) script("""
                const row = document.querySelector(`#admin-online tr[data-user="${CSS.escape(arguments[0])}"]`);
                return Boolean(row) === arguments[1];""", other, listed));
    }

    /** On the operator's page: the connections shown for someone listed online. */
    public int connectionsListedFor(String other) {
        return Integer.parseInt((String) script("""
                return document.querySelector(`#admin-online tr[data-user="${CSS.escape(arguments[0])}"] td:nth-child(2)`)
                    .textContent;""", other));
    }

    /** On the operator's page: presses an action's button on someone's row of the online list. */
    public void actOnListed(String action, String other) {
        script("""
                document.querySelector(`#admin-online button[data-action="${arguments[0]}"][data-user="${CSS.escape(
                    arguments[1])}"]`).click();""", action, other);
    }

    /** On the operator's page: types a name and presses an action's button for that account. */
    public void actOnAccount(String action, String other) {
        WebElement field = browser.findElement(By.id("admin-target"));
        field.clear();
        field.sendKeys(other);
        browser.findElement(By.cssSelector("#admin-account button[data-action='" + action + "']")).click();
    }

    /** On the operator's page: searches the rooms by name, and waits until this room is listed; returns its row. */
    public String awaitRoomListed(String search, String room) {
        WebElement field = browser.findElement(By.id("admin-room-search"));
        field.clear();
        field.sendKeys(search, Keys.ENTER);
        return wait.until(driver -> (String) script("""
                const row = document.querySelector(`#admin-rooms tr[data-room="${CSS.escape(arguments[0])}"]`);
                return row ? [...row.cells].slice(0, 2).map((td) => td.textContent).join(' | ') : null;""", room));
    }

    /** On the operator's page: presses a room's button (members, close) on its row of the rooms listed. */
    public void actOnRoom(String action, String room) {
        script("""
                document.querySelector(`#admin-rooms button[data-action="${arguments[0]}"][data-room="${CSS.escape(
                    arguments[1])}"]`).click();""", action, room);
    }

    /** On the operator's page: waits until this many members are shown; returns them as "name role connections". */
    @SuppressWarnings("unchecked")
    public List<String> awaitRoomMembers(int count) {
        return wait.until(driver -> {
            List<String> members = (List<String>) script("""
                    return document.getElementById('admin-room').hidden ? [] : [...document.querySelectorAll(
                        '#admin-members tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent).join(' '));""");
            return members.size() == count ? members : null;
        });
    }

    /** On the operator's page: waits until its status line says this. */
    public void awaitAdminStatus(String text) {
        // a wait of its own: its message, what the line said instead, must not stick to the other waits
        WebDriverWait status = new WebDriverWait(browser, WAIT);
        status.ignoring(StaleElementReferenceException.class);
        status.withMessage(() -> "the status line said \"" + browser.findElement(By.id("admin-status")).getText()
                + "\", not \"" + text + "\"");
        status.until(driver -> driver.findElement(By.id("admin-status")).getText().contains(text));
    }

    // clicking its summary would close it if it is open already
    private void openAccountFold() {
        if (!Boolean.parseBoolean(browser.findElement(By.id("account")).getAttribute("open"))) {
            browser.findElement(By.cssSelector("#account summary")).click();
        }
    }

    /** Changes the password in the page's account fold; the page goes on connected, with a fresh ticket. */
    public void changePassword(String current, String next) {
        String before = storedTicket();
        openAccountFold();
        browser.findElement(By.id("current-password")).sendKeys(current);
        browser.findElement(By.id("new-password")).sendKeys(next, Keys.ENTER);
        awaitStoredTicketOtherThan(before);
        awaitState("connected");
        wait.until(driver -> driver.findElement(By.id("account-note")).getText().startsWith("Password changed"));
    }

    /** Removes the account from the page's account fold; the page is left signed out, and says why. */
    public void removeAccount(String password) {
        openAccountFold();
        browser.findElement(By.id("removal-password")).sendKeys(password, Keys.ENTER);
        awaitState("disconnected");
        // the page's own word, once the answer came: the server closes the page's connection ("the account was
        // removed") before it removes the account, so that notice alone does not say it is gone yet
        wait.until(driver -> (Boolean) script("""
                return [...document.querySelectorAll('#messages li.system')]
                    .some((li) => li.textContent.startsWith(`The account ${arguments[0]} was removed`));""", name));
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

    /** Open demo mode: connects by the bare name, pressing Connect, and waits until connected. */
    public void connectByName() {
        WebElement field = browser.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        browser.findElement(By.id("connect")).click();
        awaitState("connected");
    }

    /** The open demo mode's banner, once the page shows it. */
    public String awaitOpenModeBanner() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("open-mode"))).getText();
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

    /**
     * Waits until the page has reconnected by itself. Its waits between attempts double up to 30 s (connection.js),
     * so a server that took longer than that to come back may be tried again only 30 s after it is up.
     */
    public void awaitReconnected() {
        new WebDriverWait(browser, RECONNECT_WAIT)
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "connected"));
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

    /**
     * Waits until the notice says this: the page goes between reconnecting (counting down) and connecting (trying)
     * every second or so while the server is away, so one look may catch either.
     */
    public void awaitNotice(String text) {
        wait.until(driver -> notice().contains(text));
    }

    /**
     * Waits until this person appears online in the people list. The list is re-rendered by every presence frame, so
     * it is read in one script: element references held across two WebDriver calls go stale.
     */
    public void awaitOnline(String other) {
        wait.until(driver -> peopleListShows(other, "online"));
    }

    /** Waits until this person is shown away, or no longer listed. */
    public void awaitOffline(String other) {
        wait.until(driver -> peopleListShows(other, "offline"));
    }

    private boolean peopleListShows(String other, String status) {
        return (Boolean) script("""
                const item = [...document.querySelectorAll('#online li[data-user]')]
                    .find((li) => li.dataset.user === arguments[0]);
                const online = Boolean(item) && !item.classList.contains('away');
                return arguments[1] === 'online' ? online : !online;""", other, status);
    }

    /** Opens the conversation with everyone, from the conversation list. */
    public void chooseEveryone() {
        clickAndAwaitOpen("#conversations li.everyone", "everyone");
    }

    /** Opens the conversation with this person by clicking their name in the people list (online, or seen). */
    public void choose(String other) {
        clickAndAwaitOpen("#online li[data-user]", other);
    }

    /** Opens the conversation with this person from the conversation list, once it is listed there. */
    public void openConversationWith(String other) {
        clickAndAwaitOpen("#conversations li[data-user]", other);
    }

    /** Starts (or opens) the conversation with this name by typing it, as for someone never seen online. */
    public void startConversationWith(String other) {
        WebElement field = browser.findElement(By.id("start-name"));
        field.clear();
        field.sendKeys(other, Keys.ENTER);
        awaitOpen(other);
    }

    private void clickAndAwaitOpen(String items, String other) {
        wait.until(driver -> {
            Boolean clicked = (Boolean) script("""
                    const item = [...document.querySelectorAll(arguments[0])]
                        .find((li) => (li.dataset.user ?? 'everyone') === arguments[1]);
                    item?.querySelector('button')?.click();
                    return Boolean(item);""", items, other);
            return clicked;
        });
        awaitOpen(other);
    }

    /** Waits until the conversation with this person (or "everyone") is the open one, its newest page shown. */
    public void awaitOpen(String other) {
        wait.until(driver -> (Boolean) script("""
                const open = document.querySelector('#conversations li[aria-current], #conversations button[aria-current]');
                const item = open?.closest('li');
                const edge = document.querySelector('#messages li.edge');
                return Boolean(item) && (item.dataset.user ?? 'everyone') === arguments[0]
                    && Boolean(edge) && edge.dataset.history !== 'loading';""", other));
    }

    /** The conversation list as shown, top to bottom: "everyone", then the people. */
    @SuppressWarnings("unchecked")
    public List<String> conversations() {
        return (List<String>) script("""
                return [...document.querySelectorAll('#conversations li[data-conversation]')]
                    .map((li) => li.dataset.user ?? 'everyone');""");
    }

    /** The unread count shown for the conversation with this person ("everyone" for everyone): 0 without a badge. */
    public int unread(String other) {
        Object count = script("""
                const item = [...document.querySelectorAll('#conversations li[data-conversation]')]
                    .find((li) => (li.dataset.user ?? 'everyone') === arguments[0]);
                if (!item) return -1;
                const badge = item.querySelector('.badge');
                return badge ? parseInt(badge.textContent, 10) : 0;""", other);
        return ((Number) count).intValue();
    }

    /** Waits until the conversation with this person is listed with exactly this unread count. */
    public void awaitUnread(String other, int count) {
        try {
            wait.until(driver -> unread(other) == count);
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never saw " + count + " unread with " + other + "; shows "
                    + unread(other) + " in " + conversations(), e);
        }
    }

    /**
     * Scrolls the open conversation to its top, waits for the older page to come in above, and returns how far the
     * message that was first moved on the screen meanwhile (0: the reader's place was kept).
     */
    public double scrollUpForOlder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) script("""
                const log = document.getElementById('messages');
                log.scrollTop = 0;
                const first = log.querySelector('li.msg');
                return {key: first.dataset.key, top: first.getBoundingClientRect().top};""");
        String key = (String) before.get("key");
        Number top = wait.until(driver -> (Number) script("""
                const log = document.getElementById('messages');
                const edge = log.querySelector('li.edge');
                const first = log.querySelector('li.msg');
                if (edge.dataset.history === 'loading' || first.dataset.key === arguments[0]) return null;
                return log.querySelector(`li.msg[data-key="${CSS.escape(arguments[0])}"]`).getBoundingClientRect().top;""",
                key));
        return top.doubleValue() - ((Number) before.get("top")).doubleValue();
    }

    /** Whether the open conversation shows it has older messages to load (false: its start is shown). */
    public boolean hasOlder() {
        return "more".equals(script("return document.querySelector('#messages li.edge').dataset.history"));
    }

    /** The messages of the open conversation, oldest first, as the page shows them. */
    public List<Shown> messages() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) script("""
                return [...document.querySelectorAll('#messages li.msg:not(.event)')].map((li) => ({
                    from: li.querySelector('.from').textContent,
                    context: li.querySelector('.context').textContent,
                    time: li.querySelector('time').textContent,
                    sentAt: li.querySelector('time').getAttribute('datetime'),
                    mark: li.querySelector('.mark')?.textContent ?? '',
                    classes: li.className,
                    body: li.querySelector('.body').textContent,
                    state: li.dataset.state ?? '',
                    offline: li.dataset.offline !== undefined,
                }));""");
        return rows.stream().map(row -> new Shown((String) row.get("from"), (String) row.get("context"),
                (String) row.get("time"), (String) row.get("sentAt"), (String) row.get("mark"),
                (String) row.get("classes"), (String) row.get("body"), (String) row.get("state"),
                (Boolean) row.get("offline"))).toList();
    }

    /** The bodies of the open conversation's messages, oldest first. */
    public List<String> bodies() {
        return messages().stream().map(Shown::body).toList();
    }

    /** Waits until the open conversation shows these bodies among its messages, each once and in this order. */
    public List<Shown> awaitMessages(List<String> bodies) {
        try {
            return wait.until(driver -> {
                List<Shown> shown = messages();
                return shown.stream().map(Shown::body).filter(bodies::contains).toList().equals(bodies) ? shown : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never saw " + bodies + "; shows " + bodies(), e);
        }
    }

    /** Waits until the message with this body, one's own, shows this state: pending, stored, delivered, read or failed. */
    public Shown awaitMessageState(String body, String state) {
        try {
            return wait.until(driver -> messages().stream()
                    .filter(m -> body.equals(m.body()) && state.equals(m.state())).findFirst().orElse(null));
        } catch (TimeoutException e) {
            throw new AssertionError(name + "'s message " + body + " never showed " + state + "; shows "
                    + messages().stream().filter(m -> body.equals(m.body())).toList(), e);
        }
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Makes a room from the sidebar, public or not, and waits until it is open. */
    public void makeRoom(String room, boolean open) {
        WebElement field = browser.findElement(By.id("room-name"));
        field.clear();
        field.sendKeys(room);
        if (browser.findElement(By.id("room-public")).isSelected() != open) {
            browser.findElement(By.id("room-public")).click();
        }
        field.sendKeys(Keys.ENTER);
        awaitRoomOpen(room);
    }

    /** Waits until this room is the open conversation, its bar showing its name. */
    public void awaitRoomOpen(String room) {
        try {
            wait.until(driver -> (Boolean) script("""
                    const bar = document.getElementById('room-bar');
                    const edge = document.querySelector('#messages li.edge');
                    return !bar.hidden && document.getElementById('room-title').textContent === '# ' + arguments[0]
                        && Boolean(edge) && edge.dataset.history !== 'loading';""", room));
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never had " + room + " open; the notice says " + notice(), e);
        }
    }

    /** Searches the directory, joins the room found by this name, and waits until it is open. */
    public void findAndJoin(String search, String room) {
        WebElement field = browser.findElement(By.id("room-search"));
        field.clear();
        field.sendKeys(search);
        clickRoomButton("#directory", room, "join");
        awaitRoomOpen(room);
    }

    /** Accepts the invitation to this room, once it shows, and waits until the room is open. */
    public void acceptInvitation(String room) {
        clickRoomButton("#invitations", room, "join");
    }

    private void clickRoomButton(String list, String room, String action) {
        try {
            wait.until(driver -> (Boolean) script("""
                    const item = [...document.querySelectorAll(arguments[0] + ' li[data-room]')]
                        .find((li) => li.querySelector('.name').textContent === '# ' + arguments[1]);
                    item?.querySelector(`button[data-action="${arguments[2]}"]`)?.click();
                    return Boolean(item);""", list, room, action));
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never saw " + room + " in " + list, e);
        }
    }

    /** Opens a room listed among the conversations. */
    public void openRoom(String room) {
        wait.until(driver -> (Boolean) script("""
                const item = [...document.querySelectorAll('#conversations li.room')]
                    .find((li) => li.querySelector('.name').textContent === '# ' + arguments[0]);
                item?.querySelector('button')?.click();
                return Boolean(item);""", room));
        awaitRoomOpen(room);
    }

    /** The rooms in the conversation list, by name. */
    @SuppressWarnings("unchecked")
    public List<String> rooms() {
        return (List<String>) script("""
                return [...document.querySelectorAll('#conversations li.room .name')]
                    .map((name) => name.textContent.replace(/^# /, ''));""");
    }

    /** Invites someone to the open room from its members panel. */
    public void invite(String other) {
        script("document.getElementById('room-members').open = true");
        WebElement field = browser.findElement(By.id("invite-name"));
        field.clear();
        field.sendKeys(other, Keys.ENTER);
    }

    /** Waits until the open room's members panel lists this person, and returns what it notes of them. */
    public String awaitMember(String other) {
        script("document.getElementById('room-members').open = true");
        return wait.until(driver -> (String) script("""
                const item = document.querySelector(`#member-list li[data-user="${CSS.escape(arguments[0])}"]`);
                return item ? item.querySelector('.note').textContent.trim() : null;""", other));
    }

    /** Presses one of the buttons the members panel shows beside this person: kick, ban, role:moderator, ... */
    public void actOnMember(String action, String other) {
        script("document.getElementById('room-members').open = true");
        wait.until(driver -> (Boolean) script("""
                const item = document.querySelector(`#member-list li[data-user="${CSS.escape(arguments[0])}"]`);
                const button = item?.querySelector(`button[data-action="${arguments[1]}"]`);
                button?.click();
                return Boolean(button);""", other, action));
    }

    /** Renames the open room from its settings (owners). */
    public void renameRoom(String newName) {
        inRoomSettings("rename-name", newName);
    }

    /** Sets the open room's topic from its settings (moderators and owners). */
    public void setTopic(String topic) {
        inRoomSettings("topic-text", topic);
    }

    /** Lifts someone's ban from the open room's settings (moderators and owners). */
    public void liftBan(String other) {
        inRoomSettings("unban-name", other);
    }

    private void inRoomSettings(String field, String text) {
        wait.until(driver -> (Boolean) script("return !document.getElementById('room-settings').hidden"));
        script("document.getElementById('room-settings').open = true");
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text, Keys.ENTER);
    }

    /** The open room's topic as its bar shows it. */
    public String roomTopic() {
        return browser.findElement(By.id("room-topic")).getText();
    }

    /** Waits until the page says this in the log, as it says what concerns no message (connected, an error, ...). */
    public void awaitSaid(String text) {
        wait.until(driver -> (Boolean) script("""
                return [...document.querySelectorAll('#messages li.system')]
                    .some((line) => line.textContent === arguments[0]);""", text));
    }

    /** Waits until the open room shows an event that says this, as the page words it. */
    public void awaitEvent(String text) {
        try {
            wait.until(driver -> (Boolean) script("""
                    return [...document.querySelectorAll('#messages li.event .body')]
                        .some((body) => body.textContent === arguments[0]);""", text));
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never saw '" + text + "'; the room shows " + script("""
                    return [...document.querySelectorAll('#messages li.event .body')].map((b) => b.textContent);"""),
                    e);
        }
    }

    /** Types the text into the message box and presses Enter, as a person sends. */
    public void say(String text) {
        WebElement box = browser.findElement(By.id("body"));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    /**
     * The message shown with this body in the open conversation, waiting for it: sender, context, time, mark, body
     * and state as the page shows them.
     */
    public Shown awaitMessage(String body) {
        try {
            return wait.until(driver -> messages().stream().filter(m -> body.equals(m.body())).findFirst().orElse(null));
        } catch (TimeoutException e) {
            throw new AssertionError(name + " never saw " + body + "; shows " + bodies(), e);
        }
    }

    /**
     * A message as shown: {@code state} is its data-state (one's own messages: pending, stored, delivered, read or
     * failed; empty for others'), {@code offline} whether it carries the mark of one that came while away.
     */
    public record Shown(String from, String context, String time, String sentAt, String mark, String classes,
            String body, String state, boolean offline) {
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

    /**
     * Leaves the page as closing its tab would (the page's connection closes with it), empties the browser and keeps
     * it for the next Person; a browser that cannot be emptied is quit.
     */
    @Override
    public void close() {
        try {
            dismissAnyAlert();
            browser.get("about:blank");
            browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
            browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            browser.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            IDLE.push(browser);
        } catch (WebDriverException e) {
            browser.quit();
        }
    }

    private void dismissAnyAlert() {
        try {
            browser.switchTo().alert().dismiss();
        } catch (NoAlertPresentException none) {
            // the usual case
        }
    }
}
