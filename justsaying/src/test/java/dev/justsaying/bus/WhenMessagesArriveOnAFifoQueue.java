package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.testing.TestBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FIFO order: each message group's messages are handled in order and one at a time while groups run in parallel,
 * and a message that fails holds back the rest of its group until it has been handled.
 */
class WhenMessagesArriveOnAFifoQueue {

    record Step(String group, int sequence) {
    }

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final int GROUPS = 8;
    static final int STEPS = 10;
    static final String FAILS_ONCE = "group-2";
    static final int FAILING_STEP = 3;
    static final Map<String, List<Integer>> attemptsByGroup = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> runningByGroup = new ConcurrentHashMap<>();
    static final AtomicBoolean twoAtOnceInAGroup = new AtomicBoolean();
    static final AtomicBoolean failedOnce = new AtomicBoolean();
    static final CountDownLatch twoGroupsStarted = new CountDownLatch(2);
    static final AtomicBoolean groupsRanTogether = new AtomicBoolean();
    static MessagingBus bus;

    @BeforeAll
    static void handleEveryGroup() {
        QueueSettings fifo = QueueSettings.builder().fifo(true).contentBasedDeduplication(true).build();
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(Step.class, q -> q.queue("sequenced.fifo").settings(fifo)))
                .subscriptions(s -> s.forQueue(Step.class, q -> q.queue("sequenced.fifo").settings(fifo))
                        .withDefaults(g -> g.concurrencyLimit(8).receiveWait(Duration.ofSeconds(1))))
                .handlers(h -> h.handle(Step.class, (step, context) -> handle(step)))
                .build();
        bus.start().join();
        for (int group = 0; group < GROUPS; group++) {
            String name = "group-" + group;
            List<Step> steps = IntStream.range(0, STEPS).mapToObj(i -> new Step(name, i)).toList();
            bus.publisher().publishBatch(steps, PublishOptions.builder().messageGroupId(name).build()).join();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptsByGroup.values().stream()
                .mapToInt(List::size).sum() == GROUPS * STEPS + 1
                && TestBus.depth(aws.get().primaryRegion().sqsClient(), "sequenced.fifo") == 0);
    }

    /** Records the attempt; the first steps of two groups wait for each other, so groups must run side by side. */
    private static HandleResult handle(Step step) {
        if (runningByGroup.computeIfAbsent(step.group(), ignored -> new AtomicInteger()).incrementAndGet() > 1) {
            twoAtOnceInAGroup.set(true);
        }
        try {
            attemptsByGroup.computeIfAbsent(step.group(), ignored -> new CopyOnWriteArrayList<>()).add(step.sequence());
            if (step.sequence() == 0 && (step.group().equals("group-0") || step.group().equals("group-1"))) {
                twoGroupsStarted.countDown();
                groupsRanTogether.set(awaitQuietly(twoGroupsStarted));
            }
            if (step.group().equals(FAILS_ONCE) && step.sequence() == FAILING_STEP && failedOnce.compareAndSet(false, true)) {
                return HandleResult.failure("the first attempt at step " + FAILING_STEP + " fails");
            }
            return HandleResult.success();
        } finally {
            runningByGroup.get(step.group()).decrementAndGet();
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void eachGroupIsHandledInOrder() {
        List<Integer> inOrder = IntStream.range(0, STEPS).boxed().toList();
        for (int group = 0; group < GROUPS; group++) {
            String name = "group-" + group;
            if (!name.equals(FAILS_ONCE)) {
                assertThat(attemptsByGroup.get(name)).as(name).isEqualTo(inOrder);
            }
        }
    }

    @Test
    void aFailedMessageHoldsBackTheRestOfItsGroup() {
        List<Integer> expected = new ArrayList<>(IntStream.range(0, STEPS).boxed().toList());
        expected.add(FAILING_STEP, FAILING_STEP);
        assertThat(attemptsByGroup.get(FAILS_ONCE)).isEqualTo(expected);
    }

    @Test
    void aGroupRunsOneMessageAtATimeWhileGroupsRunSideBySide() {
        assertThat(twoAtOnceInAGroup).isFalse();
        assertThat(groupsRanTogether).isTrue();
    }
}
