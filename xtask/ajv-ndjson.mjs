// The baseline of `cargo xtask bench`'s NDJSON section: every line of a log validated by ajv
// with the compiled lenient payload schema, `JSON.parse` and `validate` per line, one process.
// Usage: node ajv-ndjson.mjs TOOLS_PACKAGE_JSON SCHEMA LOG
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const [toolsPackage, schemaFile, logFile] = process.argv.slice(2);
const require = createRequire(toolsPackage);
const Ajv2020 = require("ajv/dist/2020.js").default;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
let read = 0;
let valid = 0;
let notJson = 0;
const lines = createInterface({ input: createReadStream(logFile), crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === "") continue;
  read++;
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    notJson++;
    continue;
  }
  if (validate(value)) valid++;
}
console.log(JSON.stringify({ read, valid, notJson }));
