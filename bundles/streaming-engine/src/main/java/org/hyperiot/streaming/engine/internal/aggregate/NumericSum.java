package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.engine.internal.json.JsonValues;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/**
 * A running sum that stays exact while every value is integral: integral values add up in a
 * {@code long}, the others in a separate {@code double}. Keeping them apart makes integer sums
 * independent of arrival order, which a restored or replayed task relies on to give the same result.
 */
final class NumericSum {

    long count;
    long integral;
    double fractional;
    boolean hasFractional;

    void add(Number value) {
        count++;
        if (JsonValues.isIntegral(value)) {
            long v = value.longValue();
            long sum = integral + v;
            if (((integral ^ sum) & (v ^ sum)) < 0) {
                // Overflow: carry the exact long part over to the double part.
                fractional += (double) integral + (double) v;
                integral = 0;
                hasFractional = true;
            } else {
                integral = sum;
            }
        } else {
            fractional += value.doubleValue();
            hasFractional = true;
        }
    }

    void addAll(NumericSum other) {
        count += other.count;
        long sum = integral + other.integral;
        if (((integral ^ sum) & (other.integral ^ sum)) < 0) {
            fractional += (double) integral + (double) other.integral;
            integral = 0;
            hasFractional = true;
        } else {
            integral = sum;
        }
        if (other.hasFractional) {
            fractional += other.fractional;
            hasFractional = true;
        }
    }

    /** The sum: a {@code Long} while every value was integral, a {@code Double} otherwise. */
    Number total() {
        return hasFractional ? (Number) (integral + fractional) : (Number) integral;
    }

    double totalAsDouble() {
        return hasFractional ? integral + fractional : (double) integral;
    }

    void write(StateWriter out) {
        out.writeLong(count).writeLong(integral).writeDouble(fractional).writeBoolean(hasFractional);
    }

    static NumericSum read(StateReader in) {
        NumericSum sum = new NumericSum();
        sum.count = in.readLong();
        sum.integral = in.readLong();
        sum.fractional = in.readDouble();
        sum.hasFractional = in.readBoolean();
        return sum;
    }
}
