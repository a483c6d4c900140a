package bgmbatch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver with Selenium: no
 * browser or driver is downloaded (both paths are given, so Selenium Manager stays idle).
 * The viewport is set exactly through the DevTools protocol, and a screenshot takes the
 * whole page, not only what fits the window.
 */
public final class Chromium implements AutoCloseable {

	private final ChromeDriver driver;

	private Chromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/** Starts a browser with a fresh profile in {@code profile}; fails in CI, skips elsewhere, when none is installed. */
	public static Chromium start(Path profile) throws IOException {
		Path browser = RequiredTool.find("apt-get install chromium", "chromium", "chromium-browser");
		Path driverBinary = RequiredTool.find("apt-get install chromium-driver", "chromedriver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--hide-scrollbars", "--user-data-dir=" + Files.createDirectories(profile));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(Duration.ofSeconds(60));
		return new Chromium(driver);
	}

	/** A viewport of exactly this size; a phone's when {@code mobile} (the page's viewport meta is honoured). */
	public void viewport(int width, int height, boolean mobile) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	public void open(Path file) {
		this.driver.get(file.toUri().toString());
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Runs an async script: its last argument is the callback to call with the result. */
	public Object asyncScript(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, args);
	}

	/**
	 * The whole page as a PNG, at this viewport width. The viewport is made as tall as the
	 * page first: the page lets the browser skip drawing cards out of view
	 * ({@code content-visibility: auto}), which a capture beyond the viewport would show blank.
	 */
	public void screenshot(Path png, int width, boolean mobile) throws IOException {
		long height = (Long) script("return document.documentElement.scrollHeight");
		viewport(width, (int) Math.min(height, 16_000), mobile);
		@SuppressWarnings("unchecked")
		Map<String, Object> shot = (Map<String, Object>) (Map<?, ?>) this.driver.executeCdpCommand(
				"Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
		Files.createDirectories(png.toAbsolutePath().getParent());
		Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
	}

	/** The page printed to PDF, as a person's browser would print it on A4. */
	public void printToPdf(Path pdf) throws IOException {
		@SuppressWarnings("unchecked")
		Map<String, Object> printed = (Map<String, Object>) (Map<?, ?>) this.driver.executeCdpCommand(
				"Page.printToPDF", Map.of("paperWidth", 8.27, "paperHeight", 11.69, "printBackground", true));
		Files.createDirectories(pdf.toAbsolutePath().getParent());
		Files.write(pdf, Base64.getDecoder().decode((String) printed.get("data")));
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
