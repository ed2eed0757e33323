package org.hyperiot.streaming.shell.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.hyperiot.streaming.api.kafka.KafkaConnector;

/** {@code kafka:topics}: the topics of the platform's Kafka cluster with partitions and replication. */
@Service
@Command(scope = "kafka", name = "topics", description = "Lists the topics of the platform's Kafka cluster.")
public class TopicsCommand implements Action {

    @Reference
    KafkaConnector connector;

    @Option(name = "--internal", aliases = "-i", description = "Include Kafka's internal topics (__consumer_offsets, …).")
    boolean internal;

    @Option(name = "--timeout", aliases = "-t", description = "Seconds to wait for the cluster (default 10).")
    int timeoutSeconds = 10;

    @Override
    public Object execute() throws Exception {
        try (Admin admin = connector.newAdmin(Map.of())) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(internal)).names()
                    .get(timeoutSeconds, TimeUnit.SECONDS);
            Map<String, TopicDescription> descriptions = new TreeMap<>(
                    admin.describeTopics(names).allTopicNames().get(timeoutSeconds, TimeUnit.SECONDS));
            ShellTable table = new ShellTable();
            table.column("Topic");
            table.column("Partitions").alignRight();
            table.column("Replication").alignRight();
            descriptions.values().forEach(topic -> table.addRow().addContent(topic.name(), topic.partitions().size(),
                    topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size()));
            table.print(System.out);
        } catch (TimeoutException e) {
            System.err.println("Kafka did not answer within " + timeoutSeconds + " s ("
                    + connector.clusterStatus().bootstrapServers() + ")");
        } catch (ExecutionException e) {
            System.err.println("Kafka refused to list topics: " + e.getCause().getMessage());
        }
        return null;
    }
}
