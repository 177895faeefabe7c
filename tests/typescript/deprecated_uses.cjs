// Lists the uses of `@deprecated` declarations in the given files of a TypeScript project, as the
// TypeScript language service reports them to editors (the struck-through names; `tsc` itself
// does not report them): one JSON line per use, `{ file, line, code, message }`.
//
// Usage: node deprecated_uses.cjs <typescript.js> <project folder> <file>...
'use strict';
const path = require('node:path');

const [tsPath, dir, ...files] = process.argv.slice(2);
const ts = require(tsPath);
const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const host = {
  getScriptFileNames: () => config.fileNames,
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
  getCurrentDirectory: () => dir,
  getCompilationSettings: () => config.options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
for (const file of files) {
  const full = path.resolve(dir, file);
  if (!config.fileNames.map((f) => path.resolve(f)).includes(full)) {
    throw new Error(`${file} is not part of the project`);
  }
  for (const d of service.getSuggestionDiagnostics(full)) {
    if (!d.reportsDeprecated) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    console.log(JSON.stringify({ file, line: line + 1, code: d.code, message }));
  }
}
