package org.hyperiot.streaming.benchmark.sidebyside;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark's input record: JSON telemetry of about 120 bytes, keyed by device id, e.g.
 * {@code {"deviceId":"d0042","site":"plant-3","seq":17,"ts":1764000000123,"temp":21.37,"humidity":40.2,"battery":3.71,"fw":"2.4.1"}}.
 */
final class TelemetryRecord {

    /** Temperature a faulty sensor reports; the stateless filter ({@code temp > -50}) drops it. */
    static final double FAULT_TEMPERATURE = -99.9;
    /** Device id of the end markers: one per partition, far ahead in event time, closing every window. */
    static final String END_MARKER_DEVICE = "~end";
    /** Sites the devices are spread over: device {@code d} is at site {@code d % SITES}. */
    static final int SITES = 8;
    private static final String SITE_PREFIX = "plant-";

    private TelemetryRecord() {
    }

    static String deviceId(int device) {
        return String.format("d%04d", device);
    }

    static String site(int siteIndex) {
        return SITE_PREFIX + siteIndex;
    }

    static int siteOf(int device) {
        return device % SITES;
    }

    /** The index of a site name ({@code plant-3} is 3), or -1 if it is none of the input's. */
    static int siteIndex(String site) {
        if (!site.startsWith(SITE_PREFIX)) {
            return -1;
        }
        String index = site.substring(SITE_PREFIX.length());
        for (int candidate = 0; candidate < SITES; candidate++) {
            if (index.equals(Integer.toString(candidate))) {
                return candidate;
            }
        }
        return -1;
    }

    static byte[] key(String deviceId) {
        return deviceId.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(String deviceId, long seq, long eventTime, double temp, int device) {
        return value(deviceId, site(siteOf(device)), seq, eventTime, temp, device);
    }

    static byte[] value(String deviceId, String site, long seq, long eventTime, double temp, int device) {
        // Written by hand rather than through Jackson so that loading the input costs the benchmark
        // little; every contestant parses it with Jackson.
        StringBuilder json = new StringBuilder(128)
                .append("{\"deviceId\":\"").append(deviceId)
                .append("\",\"site\":\"").append(site)
                .append("\",\"seq\":").append(seq)
                .append(",\"ts\":").append(eventTime)
                .append(",\"temp\":").append(temp)
                .append(",\"humidity\":").append(30 + device % 40).append('.').append(seq % 10)
                .append(",\"battery\":3.").append(50 + seq % 50)
                .append(",\"fw\":\"2.4.1\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
