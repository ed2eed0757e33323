package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void callerChosenValuesCannotSplitOrForgeALine() {
        assertThat(AuditLog.quote("bob\nlogin-failed user=\"admin\"")).isEqualTo("\"bob\\u000alogin-failed user=\\\"admin\\\"\"");
        assertThat(AuditLog.quote("a\\b\u2028c")).isEqualTo("\"a\\\\b\\u2028c\"");
        assertThat(AuditLog.quote(null)).isEqualTo("-");
    }

    @Test
    void longValuesAreCut() {
        assertThat(AuditLog.quote("x".repeat(10_000))).hasSize(256 + 3);
    }

    @Test
    void onlyMethodsThatCanChangeSomethingAreAudited() {
        assertThat(AuditLog.isMutating("POST")).isTrue();
        assertThat(AuditLog.isMutating("PUT")).isTrue();
        assertThat(AuditLog.isMutating("DELETE")).isTrue();
        assertThat(AuditLog.isMutating("PATCH")).isTrue();
        assertThat(AuditLog.isMutating("GET")).isFalse();
        assertThat(AuditLog.isMutating("HEAD")).isFalse();
        assertThat(AuditLog.isMutating("OPTIONS")).isFalse();
    }
}
