// k6/metrics: the four metric types; every add() is a sample tagged with the current scenario.
import { declare, emit } from "./state.mjs";

class Metric {
  constructor(name, type) {
    this.name = name;
    this.type = type;
    declare(name, type);
  }

  add(value, tags) {
    emit(this.name, this.type, typeof value === "boolean" ? (value ? 1 : 0) : value, tags);
  }
}

export class Counter extends Metric { constructor(name) { super(name, "counter"); } }
export class Gauge extends Metric { constructor(name) { super(name, "gauge"); } }
export class Rate extends Metric { constructor(name) { super(name, "rate"); } }
export class Trend extends Metric { constructor(name) { super(name, "trend"); } }
export default { Counter, Gauge, Rate, Trend };
