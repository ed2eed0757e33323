package org.hyperiot.streaming.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.engine.definition.MalformedStreamDefinitionException;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;

/**
 * {@code streaming:create}: creates a stream from a JSON definition file, the same document
 * {@code POST /streaming/api/v1/streams} takes. Every problem in the file is printed with its JSON pointer.
 */
@Service
@Command(scope = "streaming", name = "create", description = "Creates a stream from a JSON stream definition file; prints every error in the file with its JSON pointer.")
public class StreamCreateCommand implements Action {

    @Reference
    StreamManager streams;

    @Reference
    Session session;

    @Argument(index = 0, name = "file", description = "The stream definition (JSON), relative to the shell's current directory.", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--start", aliases = "-s", description = "Start the stream once it is created.")
    boolean start;

    @Override
    public Object execute() {
        Path path = session.currentDir() == null ? Path.of(file) : session.currentDir().resolve(file);
        byte[] json;
        try {
            json = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            System.err.println("No such file: " + path);
            return null;
        } catch (IOException e) {
            System.err.println("Cannot read " + path + ": " + e.getMessage());
            return null;
        }
        try {
            StreamDefinition created = streams.create(new StreamDefinitionReader().read(json));
            System.out.println("Created stream " + created.name());
            if (start) {
                streams.start(created.name());
                System.out.println("Start requested; streaming:info " + created.name() + " shows when it runs");
            }
        } catch (MalformedStreamDefinitionException e) {
            System.err.println(path + " is " + e.getMessage());
        } catch (InvalidStreamDefinitionException e) {
            System.err.println(path + " is not a valid stream definition:");
            e.errors().forEach(error -> System.err.println("  " + (error.pointer().isEmpty() ? "(document)"
                    : error.pointer()) + ": " + error.message()));
        } catch (StreamExistsException e) {
            System.err.println("A stream named '" + e.streamName() + "' exists already; delete it first or replace "
                    + "its definition with PUT /streaming/api/v1/streams/" + e.streamName());
        } catch (StreamLimitReachedException e) {
            System.err.println("Not created: " + e.getMessage());
        }
        return null;
    }
}
