package org.hyperiot.streaming.storm.localnimbus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.TopologyBuilder;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.topology.base.BaseRichSpout;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * A small real topology for the tests: a spout emitting increasing numbers (anchored, about 50 a
 * second) and a bolt that passes them on. Its classes are on the local Nimbus' classpath, where
 * LocalCluster's workers load them.
 */
public final class NumbersTopology {

    /** Topology configuration key: a directory where the spout writes how many tuples it emitted. */
    public static final String PROGRESS_DIRECTORY = "it.progress.directory";

    public static final String SPOUT = "numbers";
    public static final String BOLT = "pass";

    private NumbersTopology() {
    }

    /** The topology, with the bolt's executors and tasks as given (executors can later grow up to tasks). */
    public static StormTopology build(int boltExecutors, int boltTasks) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout(SPOUT, new NumbersSpout(), 1);
        builder.setBolt(BOLT, new PassBolt(), boltExecutors).setNumTasks(boltTasks).shuffleGrouping(SPOUT);
        return builder.createTopology();
    }

    /** Emits the next number at most every 20 ms. */
    public static final class NumbersSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector collector;
        private transient Path progress;
        private long next;
        private long lastEmit;

        @Override
        public void open(Map<String, Object> configuration, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            Object directory = configuration.get(PROGRESS_DIRECTORY);
            if (directory != null) {
                progress = Path.of(directory.toString(), configuration.get("topology.name") + ".emitted");
            }
        }

        /** How many tuples the spout of {@code topologyName} emitted, as it last wrote it (-1 before it started). */
        public static long emitted(Path directory, String topologyName) {
            try {
                return Long.parseLong(Files.readString(directory.resolve(topologyName + ".emitted")).trim());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public void nextTuple() {
            long now = System.currentTimeMillis();
            if (now - lastEmit >= 20) {
                lastEmit = now;
                collector.emit(new Values(next), next);
                next++;
                if (progress != null && next % 5 == 0) {
                    try {
                        Path partial = progress.resolveSibling(progress.getFileName() + ".part");
                        Files.writeString(partial, Long.toString(next));
                        Files.move(partial, progress, StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    /** Passes each number on; acked by BaseBasicBolt. */
    public static final class PassBolt extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(new Values(input.getLong(0)));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }
}
