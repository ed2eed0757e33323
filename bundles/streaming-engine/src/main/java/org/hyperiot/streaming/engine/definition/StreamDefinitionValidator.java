package org.hyperiot.streaming.engine.definition;

import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;

/**
 * Checks a stream definition, typically one built with {@link StreamDefinition#builder(String)},
 * against the rules the JSON reader applies. Pointers refer to where the member would be in the
 * definition's JSON form.
 *
 * <p>Notable rules: a window must be the last operator and needs no {@code keyBy} (it groups by the
 * current record key, the source key when there is no {@code keyBy}); micro-batch mode needs
 * {@code batch} settings and native mode must not have them; {@code lateRecords} needs a time window;
 * field operators need a {@code json} source unless a processor comes first; sink and side-output
 * topics must differ from the source topics and may not be internal topics of Kafka or the platform;
 * every size, duration and count stays within {@link DefinitionLimits}.
 */
public final class StreamDefinitionValidator {

    private StreamDefinitionValidator() {
    }

    /**
     * Whether {@code name} can name a stream ({@code [a-z0-9][a-z0-9._-]{0,62}}); for checking names
     * at the edge, before looking a stream up.
     */
    public static boolean isStreamName(String name) {
        return DefinitionRules.isStreamName(name);
    }

    /** Every broken rule; empty when the definition is valid. */
    public static List<ValidationError> validate(StreamDefinition definition) {
        List<ValidationError> errors = new ArrayList<>();
        DefinitionRules.check(definition, index -> "/pipeline/" + index, errors);
        return errors;
    }

    /**
     * Returns the definition if it is valid.
     *
     * @throws InvalidStreamDefinitionException listing every broken rule otherwise
     */
    public static StreamDefinition requireValid(StreamDefinition definition) {
        List<ValidationError> errors = validate(definition);
        if (!errors.isEmpty()) {
            throw new InvalidStreamDefinitionException(errors);
        }
        return definition;
    }
}
