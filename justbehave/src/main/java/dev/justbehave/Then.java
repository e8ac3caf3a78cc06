package dev.justbehave;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks one expected outcome of a behaviour context: a JUnit test that asserts against what
 * {@code when()} did, run after the context has been established once for the whole class.
 *
 * <p>Each {@code @Then} method should assert one thing and must not depend on other {@code @Then}
 * methods having run first: their order is not specified.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Testable
public @interface Then {
}
