package dev.justbehave.samples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a sample context that the justbehave tests run through EngineTestKit. Many of them fail on purpose, so
 * they are disabled anywhere else (a Surefire run, an IDE running the whole package).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("sample")
@ExtendWith(RunOnlyThroughEngineTestKit.class)
public @interface Sample {
}
