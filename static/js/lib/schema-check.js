/**
 * A JSON Schema checker for the subset of draft 2020-12 that `routines/schema/` uses, so the
 * builder can name each field at fault on the device, offline, without a big library. Every
 * keyword it meets must be one it knows: a schema that grows past the subset fails loudly
 * (and the Node test that compares its verdicts with Python's `jsonschema` fails with it).
 */

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  ...["type", "enum", "const", "minLength", "maxLength", "pattern", "minimum", "maximum"],
  ...["minItems", "maxItems", "uniqueItems", "items", "properties", "required", "additionalProperties"],
  ...["$ref", "$defs", "allOf", "if", "then", "else"],
]);

/** What a pattern asks, in words; others get a plain "not in the expected form". */
const PATTERN_WORDS = {
  "^\\S(.*\\S)?$": "must not start or end with a space, nor hold a line break",
  "^[a-z0-9]+(-[a-z0-9]+)*$": "must be lower-case words joined by '-'",
};

/** A key-order-independent text of a JSON value, for `uniqueItems` and `const`. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function typeMatches(type, value) {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`schema-check: unknown type "${type}"`);
  }
}

function childPath(path, key) {
  return typeof key === "number" ? `${path}[${key}]` : `${path}.${key}`;
}

/**
 * A checker over `schemas` ({file name: schema}); `check(name, value)` returns the faults of
 * `value` against the schema of that file, each `{ path, message }` with a path such as
 * `$.items[0].sets`: an empty list when it is valid.
 */
export function createChecker(schemas) {
  const patterns = new Map();

  function resolve(ref, baseName) {
    const [file, pointer = ""] = ref.split("#");
    const name = file || baseName;
    let target = schemas[name];
    if (!target) throw new Error(`schema-check: no schema "${name}"`);
    for (const part of pointer.split("/").filter(Boolean)) target = target[part];
    if (target === undefined) throw new Error(`schema-check: "${ref}" resolves to nothing`);
    return { schema: target, name };
  }

  function regex(pattern) {
    if (!patterns.has(pattern)) patterns.set(pattern, new RegExp(pattern, "u"));
    return patterns.get(pattern);
  }

  function walk(schema, value, path, name, faults) {
    for (const keyword of Object.keys(schema)) {
      if (!KNOWN.has(keyword)) throw new Error(`schema-check: keyword "${keyword}" is not supported`);
    }
    const fault = (message, where = path) => faults.push({ path: where, message });
    if (schema.$ref) {
      const target = resolve(schema.$ref, name);
      walk(target.schema, value, path, target.name, faults);
    }
    if (schema.type && !typeMatches(schema.type, value)) {
      fault(`must be ${schema.type === "integer" ? "a whole number" : `of type ${schema.type}`}`);
      return;
    }
    if (schema.enum && !schema.enum.some((option) => canonical(option) === canonical(value)))
      fault(`must be one of ${schema.enum.join(", ")}`);
    if ("const" in schema && canonical(schema.const) !== canonical(value))
      fault(`must be ${JSON.stringify(schema.const)}`);
    if (typeof value === "string") {
      const length = [...value].length;
      if (schema.minLength !== undefined && length < schema.minLength)
        fault(`must be at least ${schema.minLength} characters`);
      if (schema.maxLength !== undefined && length > schema.maxLength)
        fault(`must be at most ${schema.maxLength} characters`);
      if (schema.pattern !== undefined && !regex(schema.pattern).test(value))
        fault(PATTERN_WORDS[schema.pattern] ?? "is not in the expected form");
    }
    if (typeof value === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) fault(`must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fault(`must be at most ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems)
        fault(`must have at least ${schema.minItems}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        fault(`must have at most ${schema.maxItems}`);
      if (schema.uniqueItems && new Set(value.map(canonical)).size !== value.length) fault("must not repeat an entry");
      if (schema.items) {
        value.forEach((entry, index) => {
          walk(schema.items, entry, childPath(path, index), name, faults);
        });
      }
    }
    if (typeMatches("object", value)) {
      // Own keys only: `in` would see the prototype's, and take "constructor" for a known field.
      for (const key of schema.required ?? [])
        if (!Object.hasOwn(value, key)) fault("is required", childPath(path, key));
      const properties = schema.properties ?? {};
      for (const [key, entry] of Object.entries(value)) {
        if (Object.hasOwn(properties, key)) walk(properties[key], entry, childPath(path, key), name, faults);
        else if (schema.additionalProperties === false) fault("is not a field of this document", childPath(path, key));
      }
    }
    for (const part of schema.allOf ?? []) walk(part, value, path, name, faults);
    if (schema.if) {
      const branch = walk(schema.if, value, path, name, []) ? schema.then : schema.else;
      if (branch) walk(branch, value, path, name, faults);
    }
    return faults.length === 0;
  }

  return {
    check(schemaName, value) {
      const faults = [];
      walk(schemas[schemaName], value, "$", schemaName, faults);
      return faults;
    },
  };
}
