/**
 * The routine schema of the catalog, bundled from the very files the server validates with
 * (`pwa/delivery/assets.py` points the `unknot-routine-schema/` alias at the catalog's `schema/` folder),
 * and the check of a routine document against it on the device.
 */
import exerciseSchema from "unknot-routine-schema/exercise.schema.json" with { type: "json" };
import routineSchema from "unknot-routine-schema/routine.schema.json" with { type: "json" };
import { createChecker } from "../lib/schema-check.js";

const checker = createChecker({ "routine.schema.json": routineSchema, "exercise.schema.json": exerciseSchema });

/** The faults of a routine document, each `{ path, message }` with a path like `$.items[0].sets`. */
export function routineFaults(routine) {
  return checker.check("routine.schema.json", routine);
}
