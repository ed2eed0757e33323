package org.hyperiot.streaming.benchmark.saga.report;

/**
 * The records one run of sagas wrote, counted by reading the contestant's topics back
 * ({@code read_committed}, so what counted: nothing of an aborted transaction), with their value sizes.
 *
 * <p>A <em>message</em> is a start, a command, a reply or a saga log write: the exchange between
 * coordinator and participants. The handled-command notes, which both contestants write with each reply
 * in the participant's transaction, are counted apart and are not messages. A three-step saga that
 * runs without a retry is 1 start + 3 commands + 3 replies + 4 log writes = 11 messages (and 3 notes).
 *
 * @param starts       start events
 * @param commands     commands, over every participant's topic
 * @param replies      replies on the events topic
 * @param logWrites    saga log records
 * @param handledNotes handled-command notes
 * @param startBytes   value bytes of the starts, summed; likewise the others
 */
public record ExchangeCount(long starts, long commands, long replies, long logWrites, long handledNotes,
        long startBytes, long commandBytes, long replyBytes, long logBytes, long handledBytes) {

    public static final ExchangeCount NONE = new ExchangeCount(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Starts, commands, replies and log writes. */
    public long messages() {
        return starts + commands + replies + logWrites;
    }

    /** Value bytes of the messages. */
    public long messageBytes() {
        return startBytes + commandBytes + replyBytes + logBytes;
    }

    /** Messages per saga of a run of {@code sagas}; NaN without sagas. */
    public double messagesPerSaga(long sagas) {
        return sagas <= 0 ? Double.NaN : (double) messages() / sagas;
    }

    /** Messages per second when {@code sagas} sagas ran at {@code sagasPerSecond}. */
    public double messagesPerSecond(long sagas, double sagasPerSecond) {
        return messagesPerSaga(sagas) * sagasPerSecond;
    }

    /** Mean value size of one kind, in bytes; NaN when there is none of it. */
    public static double meanBytes(long bytes, long count) {
        return count <= 0 ? Double.NaN : (double) bytes / count;
    }

    /** Both counts added up. */
    public ExchangeCount plus(ExchangeCount other) {
        return new ExchangeCount(starts + other.starts, commands + other.commands, replies + other.replies,
                logWrites + other.logWrites, handledNotes + other.handledNotes, startBytes + other.startBytes,
                commandBytes + other.commandBytes, replyBytes + other.replyBytes, logBytes + other.logBytes,
                handledBytes + other.handledBytes);
    }
}
