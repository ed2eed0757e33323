package org.hyperiot.streaming.api;

/**
 * A topic that receives records diverted from the main flow: late records or dead letters. Records
 * go there unchanged, with headers saying why.
 *
 * @param topic the side-output topic
 */
public record SideOutput(String topic) {
}
