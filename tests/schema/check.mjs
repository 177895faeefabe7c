// Compiles the generated JSON Schemas with ajv (draft 2020-12, strict mode, the formats of
// ajv-formats) and prints, as JSON,
// ajv's verdict on every payload it is given and on each catalog. Node runs once per test run.
//
// Usage: node check.mjs AJV_PACKAGE_JSON JOB_JSON
//   AJV_PACKAGE_JSON  tools/node_modules/ajv/package.json (ajv is loaded from beside it)
//   JOB_JSON          {"schemaDirs": [{"name", "dir"}],   each with payload.{lenient,strict}.schema.json
//                                                        and spec.schema.json
//                      "payloads": [{"name", "payload"}], judged by the schemas of the first dir
//                      "catalogDirs": [{"name", "dir"}]}  each with catalog.json, catalog.schema.json
// Output: {"compiled": {name: "ok" or the error},
//          "verdicts": [{"name", "lenient", "strict", "lenientErrors", "strictErrors"}],
//          "catalogs": {name: {"valid", "errors"}}}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [ajvPackage, jobFile] = process.argv.slice(2);
const require = createRequire(ajvPackage);
const Ajv2020 = require("ajv/dist/2020.js").default;
const addFormats = require("ajv-formats").default;

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const job = readJson(jobFile);
const compiled = {};

function compile(name, path) {
  // strict: unknown keywords, ignored keywords, missing types and unknown formats all throw.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  try {
    const validate = ajv.compile(readJson(path));
    compiled[name] = "ok";
    return validate;
  } catch (e) {
    compiled[name] = String(e.message || e);
    return null;
  }
}

function verdict(validate, value) {
  if (!validate) return { valid: null, errors: ["schema did not compile"] };
  const valid = validate(value);
  const errors = valid
    ? []
    : validate.errors.map((e) => `${e.instancePath || "(root)"} ${e.keyword}: ${e.message}`);
  return { valid, errors };
}

let judges = null;
for (const { name, dir } of job.schemaDirs) {
  const lenient = compile(`${name}/payload.lenient`, join(dir, "payload.lenient.schema.json"));
  const strict = compile(`${name}/payload.strict`, join(dir, "payload.strict.schema.json"));
  judges ??= { lenient, strict };
  compile(`${name}/spec`, join(dir, "spec.schema.json"));
}

const verdicts = job.payloads.map(({ name, payload }) => {
  const l = verdict(judges.lenient, payload);
  const s = verdict(judges.strict, payload);
  return {
    name,
    lenient: l.valid,
    strict: s.valid,
    lenientErrors: l.errors,
    strictErrors: s.errors,
  };
});

const catalogs = {};
for (const { name, dir } of job.catalogDirs) {
  const validate = compile(`${name}/catalog`, join(dir, "catalog.schema.json"));
  catalogs[name] = verdict(validate, readJson(join(dir, "catalog.json")));
}

process.stdout.write(JSON.stringify({ compiled, verdicts, catalogs }, null, 2) + "\n");
