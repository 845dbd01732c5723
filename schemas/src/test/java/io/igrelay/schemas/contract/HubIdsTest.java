package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubIdsTest {

    @Test
    void shouldTellHubIdsFromUsernamesAndMetaMids() {
        assertThat(HubIds.isHubId("5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")).isTrue();
        assertThat(HubIds.isHubId("acme.store")).isFalse();
        assertThat(HubIds.isHubId("aWdfZAG1faWQ6bWlkLTAwMQ")).isFalse();
        assertThat(HubIds.isHubId("5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5")).isFalse();
        assertThat(HubIds.isHubId("5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5g")).isFalse();
        assertThat(HubIds.isHubId(null)).isFalse();
    }
}
