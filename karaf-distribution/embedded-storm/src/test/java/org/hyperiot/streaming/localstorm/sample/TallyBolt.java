package org.hyperiot.streaming.localstorm.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;

/**
 * Counts the tuples its task receives and publishes the count, with the worker's process id, in
 * {@code <tally.dir>/task-<id>} (replaced atomically every ten tuples): the test's view of what each
 * task, in whichever worker JVM, has received.
 */
public class TallyBolt extends BaseRichBolt {

    /** The topology configuration key naming the folder the tallies go to. */
    public static final String TALLY_DIR = "hyperiot.sample.tally.dir";

    private static final long serialVersionUID = 1L;

    private transient Path file;
    private long received;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        file = Path.of((String) topoConf.get(TALLY_DIR)).resolve("task-" + context.getThisTaskId());
    }

    @Override
    public void execute(Tuple input) {
        received++;
        if (received % 10 == 0) {
            publish();
        }
    }

    private void publish() {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, received + " " + ProcessHandle.current().pid(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        // A sink: nothing downstream.
    }
}
