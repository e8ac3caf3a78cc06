package dev.justsaying.restaurantstatus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** Only in a process whose {@code restaurant-status.roles} include {@code worker}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnExpression("'${restaurant-status.roles}'.toLowerCase().contains('worker')")
public @interface OnWorkerRole {
}
