// k6/execution: the parts the scripts read.
import { context } from "./state.mjs";

export default {
  get scenario() {
    return { name: context.scenario, iterationInTest: context.iterationInTest, iterationInInstance: context.iterationInTest };
  },
  get vu() {
    return { idInTest: context.vu, idInInstance: context.vu, iterationInScenario: context.iterationInScenario };
  },
};
