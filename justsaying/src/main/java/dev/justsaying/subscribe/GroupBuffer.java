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
 * before they receive, so the group never fetches more than it can take. The dispatcher takes a receive's units
 * together, receives round-robin across queues, so a busy queue cannot starve a quiet one.
 */
final class GroupBuffer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition roomAvailable = lock.newCondition();
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
     * Waits until the queue's lane has room for a whole receive and reserves it; returns its size, 0 once closed.
     * Waiting for the whole room, rather than taking what is free, keeps receives full: one receive of ten costs SQS
     * and the client far less than several of two or three.
     */
    int reserve(QueueSubscription subscription) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Lane lane = lanes.get(subscription);
            while (!closed && !hasRoom(lane)) {
                roomAvailable.await();
            }
            if (closed) {
                return 0;
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
            signalIfRoom(lane);
            return List.of();
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            Lane lane = lanes.get(unit.subscription());
            lane.held -= unit.size();
            signalIfRoom(lane);
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoom(Lane lane) {
        return capacity - lane.held >= receiveSize;
    }

    /** Wakes the pollers only when a whole receive fits: not once per message started. */
    private void signalIfRoom(Lane lane) {
        if (hasRoom(lane)) {
            roomAvailable.signalAll();
        }
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
        lock.lock();
        try {
            closed = true;
            List<WorkUnit> left = new ArrayList<>();
            lanes.values().forEach(lane -> {
                lane.receives.forEach(left::addAll);
                lane.receives.clear();
            });
            workAvailable.signalAll();
            roomAvailable.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    private static final class Lane {
        /** The units of each receive not yet taken, a receive's in the order sorted. */
        private final Deque<List<WorkUnit>> receives = new ArrayDeque<>();
        /** Room taken: messages buffered or taken but not started, plus reservations of receives in flight. */
        private int held;
        /** The part of {@code held} reserved by receives in flight. */
        private int reserved;
    }
}
