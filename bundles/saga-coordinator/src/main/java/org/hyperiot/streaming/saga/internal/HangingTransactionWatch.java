package org.hyperiot.streaming.saga.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.kafka.support.AdminTransactions;
import org.hyperiot.streaming.kafka.support.HangingTransactionSweep;
import org.hyperiot.streaming.kafka.support.TransactionAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One saga worker's defence against transactions left hanging by a broker restart: such a transaction
 * never ends, and holds every {@code read_committed} reader of its partition (the worker's own input,
 * the companion topic it restores from, its group's committed offsets) at its first record for good.
 * The watch holds one {@link HangingTransactionSweep}, whose sightings last as long as the worker's
 * attempt: the {@link OwnedPartitions} sweep before they restore, and the attempt sweeps the partitions
 * it reads once per transaction timeout.
 */
public final class HangingTransactionWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionWatch.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String owner;
    private final HangingTransactionSweep sweep;
    private final long intervalMillis;
    private final Runnable onClose;
    private final LongSupplier clock;
    private long lastSweep;

    /**
     * @param owner              who watches, for the log ({@code "Saga coordinator"})
     * @param transactions       the admin requests, asked for at each sweep
     * @param transactionTimeout the longest transaction timeout of the producers writing where the worker
     *                           reads: the patience before a transaction may be judged, and the interval
     *                           of the periodic sweep
     * @param onClose            releases what {@code transactions} holds
     * @param clock              milliseconds, for the patience and the interval
     */
    public HangingTransactionWatch(String owner, Supplier<? extends TransactionAdmin> transactions,
            Duration transactionTimeout, Runnable onClose, LongSupplier clock) {
        this.owner = owner;
        this.sweep = new HangingTransactionSweep(owner, transactions, transactionTimeout.toMillis(), clock);
        this.intervalMillis = transactionTimeout.toMillis();
        this.onClose = onClose;
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /** A watch on an admin client of its own, made by {@code admins} on first need and closed with the watch. */
    public static HangingTransactionWatch onOwnClient(String owner, Supplier<Admin> admins, Duration transactionTimeout) {
        OwnClient client = new OwnClient(admins);
        return new HangingTransactionWatch(owner, client::transactions, transactionTimeout, client::close,
                System::currentTimeMillis);
    }

    /** The sweep, for the restore of partitions taken over. */
    public HangingTransactionSweep sweep() {
        return sweep;
    }

    /**
     * Sweeps {@code partitions} if a transaction timeout has passed since the last periodic sweep. A
     * failure is only logged: the next sweep tries again.
     */
    public void sweepIfDue(Collection<TopicPartition> partitions) {
        long now = clock.getAsLong();
        if (now - lastSweep < intervalMillis || partitions.isEmpty()) {
            return;
        }
        lastSweep = now;
        try {
            sweep.sweep(partitions);
        } catch (RuntimeException e) {
            LOG.debug("{}: could not check {} for hanging transactions: {}", owner, partitions, e.getMessage());
        }
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** An admin client made on first need. */
    private static final class OwnClient {

        private final Supplier<Admin> admins;
        private Admin admin;
        private AdminTransactions transactions;

        OwnClient(Supplier<Admin> admins) {
            this.admins = admins;
        }

        AdminTransactions transactions() {
            if (transactions == null) {
                admin = admins.get();
                transactions = new AdminTransactions(admin, REQUEST_TIMEOUT);
            }
            return transactions;
        }

        void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
                transactions = null;
            }
        }
    }
}
