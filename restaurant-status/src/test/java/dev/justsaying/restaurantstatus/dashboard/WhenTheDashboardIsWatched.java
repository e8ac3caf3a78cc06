package dev.justsaying.restaurantstatus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.support.HeadlessChromium;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The /dashboard page in real headless Chromium while commands flow through the service. */
@ExtendWith(RunningService.class)
class WhenTheDashboardIsWatched {

    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final List<String> CHARTS = List.of("chart-latency", "chart-rates", "chart-queues", "chart-stages",
            "chart-concurrency", "chart-region");

    private static ChromeDriver browser;

    @BeforeAll
    static void openTheBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyChartGetsDataAndTheTableShowsCommandsSucceeding(RunningService service) throws IOException {
        for (long id = 7101; id <= 7105; id++) {
            service.newRestaurant(id, "+1555017" + id);
            assertThat(service.put("/restaurants/" + id + "/status", "{\"status\":\"CLOSED\",\"reason\":\"dashboard\"}")
                    .statusCode()).isEqualTo(202);
        }
        assertThat(service.put("/legacy/restaurants/7101/status", "{\"status\":\"OPEN\"}").statusCode()).isEqualTo(200);

        browser.get(service.url("/dashboard"));

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(() -> {
            for (String chart : CHARTS) {
                assertThat(browser.findElements(By.cssSelector("#" + chart + "[data-points]")))
                        .as(chart).singleElement().satisfies(element -> assertThat(
                                Integer.parseInt(element.getDomAttribute("data-points"))).as("data points in " + chart)
                                .isPositive());
            }
            assertThat(browser.findElements(By.cssSelector("#commands-rows tr[data-state='Succeeded']")))
                    .as("commands shown as Succeeded").isNotEmpty();
            assertThat((Long) browser.executeScript("return window.dashboard.charts['chart-latency'].data.datasets"
                    + ".find(d => d.label === 'legacy 200 p50').data.filter(v => v !== null).length"))
                    .as("points of the legacy path's p50").isPositive();
            assertThat(browser.findElements(By.cssSelector("#error-queue-regions .region-block")))
                    .as("the error queue of each region").hasSize(2);
        });
        assertThat(browser.findElement(By.id("role-api")).getDomAttribute("class")).contains("on");
        assertThat(browser.findElement(By.id("active-region")).getText()).contains("eu-west-1");
        assertThat(browser.findElements(By.cssSelector("#chart-latency.unavailable"))).isEmpty();

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    @Test
    void theCommandTableNamesTheCommandsStates(RunningService service) {
        long restaurant = service.newRestaurant(7106, "+15550177106");
        String id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"TEMPORARILY_CLOSED\"}"));

        browser.get(service.url("/dashboard"));

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(() -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#commands-rows tr[data-command-id='" + id + "']"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getDomAttribute("data-state")).isEqualTo("Succeeded");
            assertThat(rows.get(0).getText()).contains("Succeeded").contains("TEMPORARILY_CLOSED").contains("7106");
        });
    }
}
