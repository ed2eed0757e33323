package org.hyperiot.streaming.api.saga;

import java.util.List;

/**
 * One page of a saga list.
 *
 * @param sagas         the sagas of this page
 * @param nextPageToken the token that asks for the next page, or {@code null} when this is the last
 */
public record SagaPage(List<SagaSummary> sagas, String nextPageToken) {

    /** Keeps an unmodifiable copy of the sagas. */
    public SagaPage {
        sagas = sagas == null ? List.of() : List.copyOf(sagas);
    }

    /** Whether more sagas follow this page. */
    public boolean hasNextPage() {
        return nextPageToken != null;
    }
}
