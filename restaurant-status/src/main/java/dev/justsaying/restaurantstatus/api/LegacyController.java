package dev.justsaying.restaurantstatus.api;

import com.twilio.exception.TwilioException;
import dev.justsaying.restaurantstatus.OnApiRole;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import dev.justsaying.restaurantstatus.worker.SmsSender;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The old architecture, kept as a baseline to measure against: the SQL and the SMS happen in the request, and the
 * client waits for both (200 with the updated row). Twilio refusing the text or unreachable is a 502: the status is
 * changed, the restaurant not told.
 */
@OnApiRole
@RestController
public class LegacyController {

    private final RestaurantRepository restaurants;
    private final SmsSender sms;

    public LegacyController(RestaurantRepository restaurants, SmsSender sms) {
        this.restaurants = restaurants;
        this.sms = sms;
    }

    @PutMapping("/legacy/restaurants/{id}/status")
    public RestaurantView change(@PathVariable long id, @RequestBody StatusChangeRequest request) {
        if (request.status() == null) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Missing status", "status is required");
        }
        Restaurant restaurant = restaurants.changeStatus(List.of(id), request.status()).stream().findFirst()
                .orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND, "Unknown restaurant",
                        "no restaurant with id " + id));
        if (request.notifies()) {
            try {
                sms.send(restaurant.phone(), SmsSender.statusChangeText(restaurant, request.reason()));
            } catch (TwilioException notSent) {
                throw ProblemException.of(HttpStatus.BAD_GATEWAY, "SMS not sent",
                        "the status is changed but Twilio did not take the text: " + notSent.getMessage());
            }
        }
        return RestaurantView.of(restaurant);
    }
}
