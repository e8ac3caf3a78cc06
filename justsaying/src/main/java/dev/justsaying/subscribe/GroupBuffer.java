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
 * before they receive, so the group never fetches more than it can take. The dispatcher takes units round-robin
 * across queues, so a busy queue cannot starve a quiet one.
 */
final class GroupBuffer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition roomAvailable = lock.newCondition();
    private final int capacity;
    private final Map<QueueSubscription, Lane> lanes = new LinkedHashMap<>();
    private final List<Lane> rotation = new ArrayList<>();
    private int nextLane;
    private boolean closed;

    GroupBuffer(List<QueueSubscription> subscriptions, int capacity) {
        this.capacity = capacity;
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

    /** Waits for room on the queue's lane and reserves up to {@code wanted} messages of it; 0 once closed. */
    int reserve(QueueSubscription subscription, int wanted) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Lane lane = lanes.get(subscription);
            while (!closed && lane.held >= capacity) {
                roomAvailable.await();
            }
            if (closed) {
                return 0;
            }
            int reserved = Math.min(wanted, capacity - lane.held);
            lane.held += reserved;
            lane.reserved += reserved;
            return reserved;
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
            for (WorkUnit unit : units) {
                lane.units.add(unit);
                lane.held += unit.size();
            }
            if (!units.isEmpty()) {
                workAvailable.signalAll();
            }
            roomAvailable.signalAll();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** The next unit, round-robin across queues; waits for one; null once closed. Its room stays held until {@link #started}. */
    WorkUnit take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                for (int i = 0; i < rotation.size(); i++) {
                    Lane lane = rotation.get((nextLane + i) % rotation.size());
                    WorkUnit unit = lane.units.poll();
                    if (unit != null) {
                        nextLane = (nextLane + i + 1) % rotation.size();
                        return unit;
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
            lanes.get(unit.subscription()).held -= unit.size();
            roomAvailable.signalAll();
        } finally {
            lock.unlock();
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
                left.addAll(lane.units);
                lane.units.clear();
            });
            workAvailable.signalAll();
            roomAvailable.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    private static final class Lane {
        private final Deque<WorkUnit> units = new ArrayDeque<>();
        /** Room taken: messages buffered or taken but not started, plus reservations of receives in flight. */
        private int held;
        /** The part of {@code held} reserved by receives in flight. */
        private int reserved;
    }
}
