package io.github.diffusion4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs independent blocks 0 … blocks−1 on worker threads that take the next unclaimed block until none is left. Each
 * worker gets its own state from the factory (scratch buffers reused for all its blocks), so a block's result depends
 * only on the block — which makes results bit-identical for any number of workers when each block writes only its own
 * outputs. With one worker everything runs on the calling thread.
 */
public final class WorkSharing {

    private WorkSharing() {
    }

    /**
     * @param workers the number of threads, ≥ 1 (at most {@code blocks} are used)
     * @param blocks  the number of blocks
     * @param worker  makes one worker's block runner (called once per worker, on its thread)
     * @param name    thread name and what to call the work in an interruption message
     * @throws RuntimeException the first unchecked exception a block threw, as thrown
     */
    public static void run(int workers, int blocks, Supplier<IntConsumer> worker, String name) {
        int threads = Math.min(workers, blocks);
        if (threads <= 1) {
            IntConsumer runner = worker.get();
            for (int block = 0; block < blocks; block++) {
                runner.accept(block);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "diffusion4j-" + name);
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    IntConsumer runner = worker.get();
                    for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                        runner.accept(block);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
