package org.hyperiot.streaming.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;

/** Completes the names of the cluster's topics; completes nothing while the cluster is unreachable. */
@Service
public class TopicNameCompleter implements Completer {

    @Reference
    KafkaTopicAdmin topicAdmin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            topicAdmin.listTopics().forEach(topic -> names.getStrings().add(topic.name()));
        } catch (KafkaAdminException e) {
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
