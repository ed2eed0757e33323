package org.hyperiot.streaming.example.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadingsTest {

    @Test
    void aReadingAboveTheThresholdIsAnAlertWithItsDeviceAndTime() {
        Readings.Verdict verdict = Readings.check("{\"deviceId\":\"d1\",\"temp\":31.5,\"ts\":1000}", 30);
        assertThat(verdict.deviceId()).isEqualTo("d1");
        assertThat(verdict.invalid()).isEmpty();
        assertThat(verdict.alert()).contains("{\"deviceId\":\"d1\",\"temp\":31.5,\"threshold\":30.0,\"ts\":1000}");
    }

    @Test
    void aReadingAtOrBelowTheThresholdIsNothing() {
        assertThat(Readings.check("{\"deviceId\":\"d1\",\"temp\":30}", 30).alert()).isEmpty();
        assertThat(Readings.check("{\"deviceId\":\"d1\",\"temp\":-4.5}", 30).invalid()).isEmpty();
    }

    @Test
    void recordsThatAreNotReadingsSayWhy() {
        assertThat(Readings.check("{oops", 30).invalid()).get().asString().startsWith("not JSON");
        assertThat(Readings.check("[1,2]", 30).invalid()).contains("not a JSON object");
        assertThat(Readings.check(null, 30).invalid()).contains("the record has no value");
        assertThat(Readings.check("{\"temp\":40}", 30).invalid()).contains("deviceId is missing or not a text");
        assertThat(Readings.check("{\"deviceId\":7,\"temp\":40}", 30).invalid()).contains("deviceId is missing or not a text");
        Readings.Verdict noTemp = Readings.check("{\"deviceId\":\"d2\",\"temp\":\"hot\"}", 30);
        assertThat(noTemp.invalid()).contains("temp is missing or not a number");
        assertThat(noTemp.deviceId()).isEqualTo("d2");
        assertThat(noTemp.alert()).isEmpty();
    }

    @Test
    void anInvalidRecordKeepsTheValueAsRead() {
        assertThat(Readings.invalidRecord("not JSON", "{oops\"")).isEqualTo("{\"error\":\"not JSON\",\"value\":\"{oops\\\"\"}");
    }
}
