package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.OnApiRole;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The asynchronous API: a status change answers 202 with where to follow the command; the command reads its state
 * and, once a single-restaurant command has succeeded, sends the client on to the restaurant (303).
 */
@OnApiRole
@RestController
public class StatusController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandService service;
    private final CommandStore commands;
    private final RestaurantRepository restaurants;
    private final ServiceProperties properties;

    public StatusController(CommandService service, CommandStore commands, RestaurantRepository restaurants,
                            ServiceProperties properties) {
        this.service = service;
        this.commands = commands;
        this.restaurants = restaurants;
        this.properties = properties;
    }

    @PutMapping("/restaurants/{id}/status")
    public ResponseEntity<CommandView> changeOne(@PathVariable long id, @RequestBody StatusChangeRequest request,
                                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        if (request.restaurantIds() != null) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Unexpected restaurantIds",
                    "the restaurant is named in the path; use PUT /restaurants/status for many");
        }
        return accepted(service.submit(List.of(id), request.status(), request.reason(), request.notifies(),
                key));
    }

    @PutMapping("/restaurants/status")
    public ResponseEntity<CommandView> changeMany(@RequestBody StatusChangeRequest request,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return accepted(service.submit(request.restaurantIds(), request.status(), request.reason(),
                request.notifies(), key));
    }

    @GetMapping("/commands/{id}")
    public ResponseEntity<CommandView> command(@PathVariable String id) {
        Command command = commands.find(id).orElseThrow(() ->
                ProblemException.of(HttpStatus.NOT_FOUND, "Unknown command", "no command with id " + id));
        if (command.state() == CommandState.Succeeded && command.restaurantIds().size() == 1) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create("/restaurants/" + command.restaurantIds().get(0)))
                    .build();
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!command.state().isFinal()) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        }
        return response.body(CommandView.of(command));
    }

    @GetMapping("/restaurants/{id}")
    public RestaurantView restaurant(@PathVariable long id) {
        return restaurants.find(id).map(RestaurantView::of).orElseThrow(() ->
                ProblemException.of(HttpStatus.NOT_FOUND, "Unknown restaurant", "no restaurant with id " + id));
    }

    private ResponseEntity<CommandView> accepted(Command command) {
        return ResponseEntity.accepted()
                .location(URI.create("/commands/" + command.id()))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
                .body(CommandView.of(command));
    }

    private String retryAfterSeconds() {
        return Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }
}
