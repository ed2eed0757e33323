package org.hyperiot.streaming.engine.internal.window;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.state.StateStore;

/**
 * What every window operator shares: its aggregates, the one store holding its windows, its
 * watermark and the layout that tells whether restored state still fits.
 */
abstract class AggregatingWindowStage<K, V> implements WindowStage {

    protected final Aggregates aggregates;
    protected final StateStore<K, V> store;
    protected long watermark = Long.MIN_VALUE;
    private final String layout;

    AggregatingWindowStage(Aggregates aggregates, StateStore<K, V> store, String layout) {
        this.aggregates = aggregates;
        this.store = store;
        this.layout = layout;
    }

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public List<String> customAggregators() {
        return aggregates.customNames();
    }

    @Override
    public void bind(Map<String, StreamAggregator> aggregators) {
        aggregates.bind(aggregators);
    }

    @Override
    public List<StateStore<?, ?>> stores() {
        return List.of(store);
    }

    @Override
    public String layout() {
        return layout;
    }
}
