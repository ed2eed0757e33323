package org.hyperiot.streaming.storm.worker;

/**
 * The global index of a stream's source partitions across its topics, the number the spout's tuples,
 * the grouping and the engine bolt know a source partition by. Partition {@code p} of the topic at
 * position {@code t} of the stream's {@code T} topics is index {@code g = p * T + t}: the index of a
 * partition never changes when any topic gains partitions (the topic list of a running stream does not
 * change), and for a stream of one topic it is the partition number itself.
 */
public final class SourcePartitions {

    private SourcePartitions() {
    }

    /**
     * The global index of a source partition.
     *
     * @param topicPosition the topic's position in the stream's list of topics, from 0
     * @param partition     the partition number in that topic
     * @param topicCount    how many topics the stream reads
     * @throws IllegalArgumentException if the position is not in the list, the partition is negative or the
     *                                  index does not fit an {@code int}
     */
    public static int index(int topicPosition, int partition, int topicCount) {
        requireTopicCount(topicCount);
        if (topicPosition < 0 || topicPosition >= topicCount) {
            throw new IllegalArgumentException("topic position " + topicPosition + " of " + topicCount + " topics");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition);
        }
        try {
            return Math.addExact(Math.multiplyExact(partition, topicCount), topicPosition);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("partition " + partition + " of " + topicCount + " topics has no index", e);
        }
    }

    /** The position, in the stream's list of topics, of the topic of the source partition at {@code index}. */
    public static int topicPosition(int index, int topicCount) {
        requireIndex(index, topicCount);
        return index % topicCount;
    }

    /** The partition number, in its topic, of the source partition at {@code index}. */
    public static int partition(int index, int topicCount) {
        requireIndex(index, topicCount);
        return index / topicCount;
    }

    private static void requireIndex(int index, int topicCount) {
        requireTopicCount(topicCount);
        if (index < 0) {
            throw new IllegalArgumentException("index " + index);
        }
    }

    private static void requireTopicCount(int topicCount) {
        if (topicCount < 1) {
            throw new IllegalArgumentException("a stream reads at least one topic, not " + topicCount);
        }
    }
}
