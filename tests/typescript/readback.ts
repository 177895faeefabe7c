// Prints every string constant of the package's main, metadata and validate entry points as JSON,
// so the Rust test can compare each literal, read back through the compiler, with the spec's
// string. Functions and symbols are left out by JSON.stringify; the schema tables' maps become
// arrays of entries, and compiled patterns are left out (their source and format stay).
import * as main from 'antom-under-test';
import * as metadata from 'antom-under-test/metadata';
import * as validate from 'antom-under-test/validate';

function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof RegExp) return undefined;
  return value;
}

const schemas = Object.fromEntries(Object.entries(validate).filter(([name]) => name.endsWith('_SCHEMA')));

console.log(JSON.stringify({ main, metadata, schemas }, plain));
