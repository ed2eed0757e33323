package org.hyperiot.streaming.example.saga.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@value #PID}, shared by the four participants and the {@link EffectsTopicCreator}.
 * Every key is optional; a change reactivates the components that use it.
 */
@ObjectClassDefinition(name = "HyperIoT Streaming example order saga",
        description = "Where the participants of the example order saga record their effects.")
public @interface EffectsConfiguration {

    /** The configuration PID: the example's root package, as for the other example bundles. */
    String PID = "org.hyperiot.streaming.example.saga";

    /** The topic every effect record goes to, created at activation when it is missing. */
    @AttributeDefinition(name = "Effects topic",
            description = "Topic the participants write one record per effect to, keyed by command id "
                    + "(created when missing). Not a Kafka-internal (__…) or saga coordinator (hyperiot-saga-…) topic.")
    String effects_topic() default OrderEffects.DEFAULT_TOPIC;
}
