#!/usr/bin/env node
// A second, independent validator for the published schema: Ajv 8 in full strict mode.
//
// Usage: NODE_PATH=<dir>/node_modules node tests/ajv_check.js SCHEMA.json INSTANCE.json...
// (after `npm install --prefix <dir> ajv@8 ajv-formats@3`; .ci/run does both).
//
// Compiling the schema with `strict: true` catches what jsonschema does not: unknown
// keywords and formats, keywords applied to a type the schema does not declare and
// union types (strictTypes), tuple mistakes (strictTuples), and so on.
//
// One strict check is replaced, not dropped: Ajv's `strictRequired` cannot see
// properties defined in the parent schema when `required` sits in an `anyOf`/`oneOf`
// branch, an `if`/`then` or a `not` (ajv-validator/ajv#1571 and #1950, labelled
// "limitation"), although its documentation says properties defined "in the same or
// some parent schema object" count. The schema uses exactly that form, e.g. a criterion
// `{properties: {equals: ..., in: ...}, oneOf: [{required: ["equals"]}, ...]}`, so Ajv's
// complaint is spurious. checkRequiredDefined() below enforces the documented rule
// instead: every name in every `required` is defined in `properties` of the same schema
// object or of one that encloses it at the same instance (through allOf, anyOf, oneOf,
// not, if, then, else or a schema-valued dependency).
//
// Exit codes: 0 the schema compiles and every instance is valid; 1 the schema is
// rejected or an instance is invalid; 2 usage error or unreadable file.
"use strict";

const fs = require("fs");

function fail(code, message) {
  process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  process.exit(code);
}

function readJson(path) {
  let text;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (err) {
    fail(2, `${path}: cannot read: ${err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(2, `${path}: not valid JSON: ${err.message}`);
  }
  return undefined;
}

const args = process.argv.slice(2);
if (args.length < 2) {
  fail(2, "usage: node tests/ajv_check.js SCHEMA.json INSTANCE.json...");
}

let Ajv, addFormats;
try {
  // Ajv 8's default export checks draft-07, the draft the icpspec schema is written in.
  Ajv = require("ajv").default;
  addFormats = require("ajv-formats").default;
} catch (err) {
  fail(2, `cannot load ajv / ajv-formats (set NODE_PATH to their node_modules): ${err.message}`);
}

const [schemaPath, ...instancePaths] = args;
const schema = readJson(schemaPath);

// Schema keywords that apply a subschema to the same instance, not to a part of it.
const IN_PLACE_ARRAYS = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_SCHEMAS = ["not", "if", "then", "else"];
// Keywords whose schemas apply to parts of the instance (a new instance level).
const CHILD_MAPS = ["properties", "patternProperties", "definitions"];
const CHILD_SCHEMAS = ["additionalProperties", "propertyNames", "items", "additionalItems", "contains"];

// Every `required` name must be a property defined at the same instance level: the
// documented meaning of Ajv's strictRequired (see the header). Returns the problems found.
function checkRequiredDefined(node, pointer, defined, problems) {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return problems;
  const here = new Set(defined);
  for (const name of Object.keys(node.properties || {})) here.add(name);
  for (const name of node.required || []) {
    if (!here.has(name)) {
      problems.push(`${pointer || "#"}/required: "${name}" is not defined in properties (strictRequired)`);
    }
  }
  for (const kw of IN_PLACE_ARRAYS) {
    (node[kw] || []).forEach((sub, i) => checkRequiredDefined(sub, `${pointer}/${kw}/${i}`, here, problems));
  }
  for (const kw of IN_PLACE_SCHEMAS) {
    if (kw in node) checkRequiredDefined(node[kw], `${pointer}/${kw}`, here, problems);
  }
  for (const [name, dep] of Object.entries(node.dependencies || {})) {
    if (!Array.isArray(dep)) checkRequiredDefined(dep, `${pointer}/dependencies/${name}`, here, problems);
    else if (!here.has(name) || dep.some((d) => !here.has(d))) {
      problems.push(`${pointer || "#"}/dependencies/${name}: names a property not defined in properties`);
    }
  }
  for (const kw of CHILD_MAPS) {
    for (const [name, sub] of Object.entries(node[kw] || {})) {
      checkRequiredDefined(sub, `${pointer}/${kw}/${name}`, new Set(), problems);
    }
  }
  for (const kw of CHILD_SCHEMAS) {
    const sub = node[kw];
    if (Array.isArray(sub)) {
      sub.forEach((s, i) => checkRequiredDefined(s, `${pointer}/${kw}/${i}`, new Set(), problems));
    } else if (sub !== undefined) {
      checkRequiredDefined(sub, `${pointer}/${kw}`, new Set(), problems);
    }
  }
  return problems;
}

const requiredProblems = checkRequiredDefined(schema, "", new Set(), []);
if (requiredProblems.length) {
  fail(1, requiredProblems.map((p) => `${schemaPath}: ${p}`).join("\n"));
}

// Full strict mode, but for strictRequired (replaced by checkRequiredDefined above).
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);

let validate;
try {
  validate = ajv.compile(schema);
} catch (err) {
  fail(1, `${schemaPath}: Ajv (strict mode) rejects the schema: ${err.message}`);
}
process.stdout.write(`${schemaPath}: schema compiles in Ajv strict mode\n`);

let invalid = 0;
for (const path of instancePaths) {
  const instance = readJson(path);
  if (validate(instance)) {
    process.stdout.write(`${path}: valid\n`);
    continue;
  }
  invalid += 1;
  for (const e of validate.errors) {
    const where = e.instancePath || "/";
    process.stderr.write(`${path}: ${where}: ${e.message} (${e.schemaPath} ${JSON.stringify(e.params)})\n`);
  }
}
process.exit(invalid ? 1 : 0);
