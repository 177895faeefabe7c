// Prints every string constant of the package's main and metadata entry points as JSON, so the
// Rust test can compare each literal, read back through the compiler, with the spec's string.
// Functions and symbols are left out by JSON.stringify; everything else is data.
import * as main from 'antom-under-test';
import * as metadata from 'antom-under-test/metadata';

console.log(JSON.stringify({ main, metadata }));
