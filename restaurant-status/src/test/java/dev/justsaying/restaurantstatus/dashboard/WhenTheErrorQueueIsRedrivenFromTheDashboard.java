package dev.justsaying.restaurantstatus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.errorqueue.ErrorQueue;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.support.HeadlessChromium;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.subscribe.SubscriptionGroup;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A command whose message sits in the error queue (moved there as the bus does, while the Worker's groups are paused
 * so nothing else takes it) is sent back with the page's redrive button, and then carried out.
 */
@ExtendWith(RunningService.class)
class WhenTheErrorQueueIsRedrivenFromTheDashboard {

    private static final String REGION = "eu-west-1";
    private static final String COMMANDS_QUEUE = "restaurant-status-commands";

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
    void theRedriveButtonSendsTheMessageBackAndTheCommandSucceeds(RunningService service) {
        MessagingBus bus = service.bean(MessagingBus.class);
        SubscriptionGroup commands = bus.subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP);
        SubscriptionGroup failedCommands = bus.subscriptionGroup(MessagingConfiguration.FAILED_COMMANDS_GROUP);
        SqsClient sqs = service.stack().aws().region(REGION).sqsClient();
        try {
            pauseUntilIdle(commands);
            pauseUntilIdle(failedCommands);
            long restaurant = service.newRestaurant(7201, "+15550177201");
            String commandId = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                    "{\"status\":\"CLOSED\",\"reason\":\"redrive me\"}"));
            String errorMessageId = moveToTheErrorQueue(sqs, "simulated: the SMS provider refused 5 times");
            commands.resume();

            browser.get(service.url("/dashboard"));
            browser.findElement(By.id("api-key")).sendKeys(RunningService.API_KEY);
            browser.findElement(By.id("save-key")).click();
            By redriveButton = By.cssSelector("button.redrive[data-message-id='" + errorMessageId + "']");
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(() -> {
                        assertThat(browser.findElements(redriveButton)).hasSize(1);
                        assertThat(browser.findElement(By.cssSelector("tr[data-message-id='" + errorMessageId + "']"))
                                .getText()).contains("simulated: the SMS provider refused 5 times").contains(commandId);
                    });
            // the list is redrawn every few seconds: a button found just before a redraw is stale, so find it again
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .until(() -> {
                        browser.findElement(redriveButton).click();
                        return true;
                    });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    browser.findElement(By.id("error-queue-message")).getText())
                    .contains("moved 1 message(s) back to the commands queue in " + REGION));
            assertThat(service.awaitState(commandId, CommandState.Succeeded).attempts()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(browser.findElements(redriveButton)).as("gone from the error queue").isEmpty());
        } finally {
            commands.resume();
            failedCommands.resume();
        }
    }

    @Test
    void aRedriveWithoutTheApiKeyIsRefused(RunningService service) {
        HttpResponse<String> response = service.send(service.request("/dashboard/api/error-queue/redrive")
                .POST(RunningService.json("{\"region\":\"" + REGION + "\"}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static void pauseUntilIdle(SubscriptionGroup group) {
        group.pause();
        await().atMost(Duration.ofSeconds(60)).until(() -> !group.isReceiving() && group.buffered() == 0
                && group.concurrencyLimit().inFlight() == 0);
    }

    /** Takes the one command message off the commands queue and puts it on the error queue with a reason. */
    private static String moveToTheErrorQueue(SqsClient sqs, String reason) {
        String queueUrl = sqs.getQueueUrl(r -> r.queueName(COMMANDS_QUEUE)).queueUrl();
        String errorQueueUrl = sqs.getQueueUrl(r -> r.queueName(COMMANDS_QUEUE
                + MessagingConfiguration.ERROR_QUEUE_SUFFIX)).queueUrl();
        Message message = await().atMost(Duration.ofSeconds(30)).until(() -> sqs.receiveMessage(r -> r
                .queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1).messageAttributeNames("All"))
                .messages(), received -> !received.isEmpty()).get(0);
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.put(ErrorQueue.REASON_ATTRIBUTE,
                MessageAttributeValue.builder().dataType("String").stringValue(reason).build());
        String errorMessageId = sqs.sendMessage(r -> r.queueUrl(errorQueueUrl).messageBody(message.body())
                .messageAttributes(attributes)).messageId();
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return errorMessageId;
    }
}
