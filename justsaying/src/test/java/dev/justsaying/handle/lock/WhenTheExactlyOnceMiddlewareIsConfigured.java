package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.justsaying.handle.HandleResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WhenTheExactlyOnceMiddlewareIsConfigured {

    private final MessageLock lock = mock(MessageLock.class);
    private final Copies message = new Copies();

    @Test
    void itLocksAndRemembersForTheDurationsGiven() {
        Lease lease = new Lease(message.key(), "owner-1");
        when(lock.tryAcquire(any(), any())).thenReturn(CompletableFuture.completedFuture(LockAttempt.acquired(lease)));
        when(lock.markCompleted(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        ExactlyOnceMiddleware middleware = ExactlyOnceMiddleware.builder(lock)
                .lockFor(Duration.ofMinutes(15)).rememberCompletedFor(Duration.ofDays(1)).build();

        HandleResult result = middleware.handle(message.copy("sqs-1", "eu-west-1"),
                ignored -> CompletableFuture.completedFuture(HandleResult.success())).toCompletableFuture().join();

        assertThat(result.isSuccess()).isTrue();
        verify(lock).tryAcquire(message.key(), Duration.ofMinutes(15));
        verify(lock).markCompleted(lease, Duration.ofDays(1));
    }

    @Test
    void aCompletedMessageIsRememberedAtLeastAsLongAsItIsLocked() {
        ExactlyOnceMiddleware.Builder builder = ExactlyOnceMiddleware.builder(lock)
                .lockFor(Duration.ofHours(2)).rememberCompletedFor(Duration.ofHours(1));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remembered at least as long as it is locked");
    }

    @Test
    void durationsArePositive() {
        assertThatThrownBy(() -> ExactlyOnceMiddleware.builder(lock).lockFor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactlyOnceMiddleware.builder(lock).rememberCompletedFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itDescribesItselfForInterrogation() {
        assertThat(ExactlyOnceMiddleware.using(new InMemoryMessageLock()))
                .hasToString("exactly once (lock PT5M, remember PT168H, in-memory message lock (0 of 100000 keys))");
    }
}
