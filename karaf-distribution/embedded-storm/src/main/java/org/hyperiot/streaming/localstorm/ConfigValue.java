package org.hyperiot.streaming.localstorm;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A value given on the command line as text, read as YAML the way {@code storm.yaml} would read it:
 * {@code 30} is a number, {@code true} a boolean, {@code [a, b]} a list, anything else a string.
 */
final class ConfigValue {

    private ConfigValue() {
    }

    static Object parse(String text) {
        Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return value == null ? text : value;
    }
}
