package dev.justsaying.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API commands against WireMock standing in for restaurant-status's HTTP contract (its README and controllers:
 * {@code GET /commands/{id}} answers 200, 303 or a 404 problem; the starter's {@code justsaying} actuator endpoint),
 * so every answer, the 303 and the refusals can be set up exactly and the requests checked.
 */
class WhenTheServiceIsAsked {

    private static final String KEY = "s3cret-key-7";
    private static WireMockServer service;

    @BeforeAll
    static void start() {
        service = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        service.start();
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    @BeforeEach
    void reset() {
        service.resetAll();
    }

    private static String api() {
        return "http://127.0.0.1:" + service.port() + "/";
    }

    @Test
    void aCommandInProgressShowsItsStatePrettyPrinted() {
        service.stubFor(get("/commands/c-1").willReturn(okJson(
                "{\"commandId\":\"c-1\",\"state\":\"Processing\",\"attempts\":2,\"errorDetail\":null}")));

        OpsRun run = run("command", "c-1", "--api", api());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"state\" : \"Processing\"", "\"attempts\" : 2").contains("\n");
    }

    @Test
    void aSucceededCommandsRedirectIsReportedNotFollowed() {
        service.stubFor(get("/commands/c-2").willReturn(aResponse().withStatus(303)
                .withHeader("Location", "/restaurants/42")));

        OpsRun run = run("command", "c-2", "--api", api());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("command c-2: Succeeded (the service points to /restaurants/42)");
        assertThat(service.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anUnknownCommandIsNotFound() {
        service.stubFor(get("/commands/nope").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unknown command\",\"detail\":\"no command with id nope\"}")));

        OpsRun run = run("command", "nope", "--api", api());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("ops: no command with id nope\n");
    }

    @Test
    void aServerErrorIsAFailureWithTheProblemsDetail() {
        service.stubFor(get("/commands/c-3").willReturn(aResponse().withStatus(503)
                .withBody("{\"detail\":\"the command store cannot be reached\"}")));

        OpsRun run = run("command", "c-3", "--api", api());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("command c-3: the command store cannot be reached (HTTP 503)");
    }

    @Test
    void theBusDescriptionIsPrettyPrinted() {
        service.stubFor(get("/actuator/justsaying").willReturn(okJson(
                "{\"regions\":[\"eu-west-1\",\"eu-central-1\"],\"groups\":[{\"name\":\"commands\",\"limit\":8}]}")));

        OpsRun run = run("describe", "--api", api());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"regions\" : [ \"eu-west-1\", \"eu-central-1\" ]", "\"name\" : \"commands\"");
    }

    @Test
    void anUnexposedEndpointIsNotFound() {
        OpsRun run = run("describe", "--api", api());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("is the actuator endpoint 'justsaying' exposed?");
    }

    @Test
    void theConcurrencyLimitIsSetWithTheKeyWhichIsNeverPrinted() {
        service.stubFor(get("/actuator/justsaying/commands").willReturn(okJson("{\"name\":\"commands\",\"limit\":8}")));
        service.stubFor(post("/actuator/justsaying/commands").willReturn(okJson("{\"name\":\"commands\",\"limit\":16}")));

        OpsRun run = run("concurrency", "commands", "16", "--api", api(), "--api-key", KEY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("group commands: concurrency limit set to 16", "\"limit\" : 16");
        assertThat(run.out() + run.err()).doesNotContain(KEY);
        service.verify(postRequestedFor(urlEqualTo("/actuator/justsaying/commands"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("{\"concurrencyLimit\":16}")));
    }

    @Test
    void aRefusedKeyIsAFailureThatDoesNotShowTheKey() {
        service.stubFor(get("/actuator/justsaying/commands").willReturn(okJson("{\"name\":\"commands\"}")));
        service.stubFor(post("/actuator/justsaying/commands").willReturn(aResponse().withStatus(401)));

        OpsRun run = run("concurrency", "commands", "16", "--api", api(), "--api-key", KEY);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refused (HTTP 401): check the API key").doesNotContain(KEY);
    }

    @Test
    void anUnknownGroupIsNotFoundAndNothingIsChanged() {
        OpsRun run = run("concurrency", "comands", "16", "--api", api(), "--api-key", KEY);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("ops: no subscription group 'comands'");
        service.verify(0, postRequestedFor(urlEqualTo("/actuator/justsaying/comands")));
    }

    @Test
    void noKeyAtAllIsAUsageError() {
        assumeTrue(System.getenv("OPS_API_KEY") == null, "OPS_API_KEY is set in this environment");

        OpsRun run = run("concurrency", "commands", "16", "--api", api());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No API key: set OPS_API_KEY or give --api-key");
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
