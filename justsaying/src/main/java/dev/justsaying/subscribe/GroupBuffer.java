package dev.justsaying.subscribe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receive buffers of a subscription group's queues and the multiplexer over them. Each queue may hold at most
 * {@code capacity} messages that were received (or are being received) but have not started: pollers reserve room
 * before they receive, so the group never fetches more than it can take; a poller that finds no room leaves what it
 * would do next with the buffer, which runs it, outside the lock, on the thread that freed the room. The dispatcher
 * takes a receive's units together, receives round-robin across queues, so a busy queue cannot starve a quiet one.
 */
final class GroupBuffer {

    /** {@link #reserve} found the buffer closed. */
    static final int CLOSED = 0;
    /** {@link #reserve} found no room and keeps the caller's next step for when there is. */
    static final int WAITING = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final int capacity;
    private final int receiveSize;
    private final Map<QueueSubscription, Lane> lanes = new LinkedHashMap<>();
    private final List<Lane> rotation = new ArrayList<>();
    private int nextLane;
    private boolean closed;

    /** @param receiveSize the messages a receive asks for (the prefetch), at most {@code capacity} */
    GroupBuffer(List<QueueSubscription> subscriptions, int capacity, int receiveSize) {
        this.capacity = capacity;
        this.receiveSize = Math.min(receiveSize, capacity);
        subscriptions.forEach(subscription -> {
            Lane lane = new Lane();
            lanes.put(subscription, lane);
            rotation.add(lane);
        });
    }

    /** Adds a lane for a queue that joins the running group. */
    void addLane(QueueSubscription subscription) {
        lock.lock();
        try {
            Lane lane = new Lane();
            if (lanes.putIfAbsent(subscription, lane) == null) {
                rotation.add(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves room for a whole receive on the queue's lane and returns its size; {@link #CLOSED} once closed; or
     * {@link #WAITING}, keeping {@code whenRoom} to run once a whole receive fits again (or the buffer closes), when
     * the caller asks again. Waiting for the whole room, rather than taking what is free, keeps receives full: one
     * receive of ten costs SQS and the client far less than several of two or three.
     */
    int reserve(QueueSubscription subscription, Runnable whenRoom) {
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            Lane lane = lanes.get(subscription);
            if (!hasRoom(lane)) {
                lane.waiting.add(whenRoom);
                return WAITING;
            }
            lane.held += receiveSize;
            lane.reserved += receiveSize;
            return receiveSize;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts what a receive brought on its lane and frees the unused part of its reservation. Once closed nothing is
     * kept: the units are returned for the caller to hand back to SQS.
     */
    List<WorkUnit> fill(QueueSubscription subscription, int reserved, List<WorkUnit> units) {
        List<Runnable> roomFor;
        lock.lock();
        try {
            Lane lane = lanes.get(subscription);
            lane.held -= reserved;
            lane.reserved -= reserved;
            if (closed) {
                return units;
            }
            if (!units.isEmpty()) {
                lane.receives.add(units);
                units.forEach(unit -> lane.held += unit.size());
                workAvailable.signalAll();
            }
            roomFor = waitingIfRoom(lane);
        } finally {
            lock.unlock();
        }
        roomFor.forEach(Runnable::run);
        return List.of();
    }

    /**
     * The units of the next receive, round-robin across queues; waits for one; null once closed. Their room stays
     * held until each has {@link #started}.
     */
    List<WorkUnit> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                for (int i = 0; i < rotation.size(); i++) {
                    Lane lane = rotation.get((nextLane + i) % rotation.size());
                    List<WorkUnit> units = lane.receives.poll();
                    if (units != null) {
                        nextLane = (nextLane + i + 1) % rotation.size();
                        return units;
                    }
                }
                workAvailable.await();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The unit has started: its room on the lane is free again. */
    void started(WorkUnit unit) {
        List<Runnable> roomFor;
        lock.lock();
        try {
            Lane lane = lanes.get(unit.subscription());
            lane.held -= unit.size();
            roomFor = waitingIfRoom(lane);
        } finally {
            lock.unlock();
        }
        roomFor.forEach(Runnable::run);
    }

    private boolean hasRoom(Lane lane) {
        return capacity - lane.held >= receiveSize;
    }

    /**
     * The pollers to wake, taken off the lane, only when a whole receive fits: not once per message started. Each
     * asks again, so one that finds the room gone waits again.
     */
    private List<Runnable> waitingIfRoom(Lane lane) {
        if (lane.waiting.isEmpty() || !hasRoom(lane)) {
            return List.of();
        }
        List<Runnable> waking = List.copyOf(lane.waiting);
        lane.waiting.clear();
        return waking;
    }

    /** Messages received and not started: waiting on a lane, or taken and waiting for a concurrency slot. */
    int buffered() {
        lock.lock();
        try {
            return lanes.values().stream().mapToInt(lane -> lane.held - lane.reserved).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking and filling, wakes every waiter, and returns the units that never started. */
    List<WorkUnit> close() {
        List<WorkUnit> left = new ArrayList<>();
        List<Runnable> waking = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            lanes.values().forEach(lane -> {
                lane.receives.forEach(left::addAll);
                lane.receives.clear();
                waking.addAll(lane.waiting);
                lane.waiting.clear();
            });
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        waking.forEach(Runnable::run);
        return left;
    }

    private static final class Lane {
        /** The units of each receive not yet taken, a receive's in the order sorted. */
        private final Deque<List<WorkUnit>> receives = new ArrayDeque<>();
        /** What the pollers that found no room would do next. */
        private final List<Runnable> waiting = new ArrayList<>();
        /** Room taken: messages buffered or taken but not started, plus reservations of receives in flight. */
        private int held;
        /** The part of {@code held} reserved by receives in flight. */
        private int reserved;
    }
}
