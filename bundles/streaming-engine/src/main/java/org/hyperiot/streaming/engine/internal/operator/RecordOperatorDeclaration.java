package org.hyperiot.streaming.engine.internal.operator;

import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/**
 * An operator that a task runs record by record, as a {@link RecordTransform}.
 *
 * @param <O> the model type of the operator
 */
public abstract non-sealed class RecordOperatorDeclaration<O extends Operator> extends OperatorDeclaration<O> {

    protected RecordOperatorDeclaration(String name, Class<O> type) {
        super(name, type);
    }

    /**
     * The transform a task runs for the operator, created when the task opens; {@code null} when a
     * processor it needs is not registered (the context has then noted it as missing).
     */
    protected abstract RecordTransform transform(O operator, TransformContext context);

    /** {@link #transform} for an operator of this declaration's type. */
    public final RecordTransform transformOf(Operator operator, TransformContext context) {
        return transform(type().cast(operator), context);
    }
}
