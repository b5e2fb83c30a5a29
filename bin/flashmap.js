#!/usr/bin/env node
// The flashmap command. Runs the bundled CLI (dist-cli/, built by `npm run prepare`) with V8's
// code cache; when a source file behind the command being run is newer than the bundle (as while
// developing), runs the sources through tsx instead. CommonJS (see bin/package.json) and one
// file, since `flashmap esp32` is meant to start about as fast as node itself: Node starts a
// CommonJS script faster than an ES module, and every file it loads costs a lookup and a compile.
'use strict';
// The CommonJS loader itself; `require('node:module')` would load more of Node than needed.
const Module = module.constructor;
const vm = require('node:vm');
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist-cli');

/**
 * Whether the bundle was built from the sources as they are: no file listed for this command in
 * dist-cli/sources.json (written by the build) is newer than that list. Without a src/ folder
 * (an installed package) the bundle is all there is.
 */
function bundleIsFresh() {
  let built;
  let sources;
  try {
    built = statSync(join(bundle, 'sources.json')).mtimeMs;
    sources = JSON.parse(readFileSync(join(bundle, 'sources.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!statSync(join(root, 'src'), { throwIfNoEntry: false })) return true;
  const files = new Set([...sources.entry, ...(sources.commands[process.argv[2]] ?? [])]);
  for (const file of files) if ((statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > built) return false;
  return true;
}

/**
 * Runs the bundle with V8's code cache: each of its files is compiled from the bytecode V8 made
 * for it on an earlier run (dist-cli/cache/, one file each), so start-up skips parsing and
 * compiling. A missing or rejected cache (another Node version, a rebuilt bundle) is written again
 * when the process exits, after the code ran, so that it holds every function that ran. A cache
 * that cannot be read or written is simply not used: it never fails a command.
 */
function runWithCodeCache(entry, cacheDir) {
  const stale = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(bundle)) return compile.call(this, content, filename);
    const cacheFile = join(cacheDir, `${basename(filename)}.v8`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) stale.push([script, cacheFile]);
    const localRequire = (id) => this.require(id);
    localRequire.resolve = (request) => Module._resolveFilename(request, this);
    localRequire.cache = Module._cache;
    return script.runInThisContext().call(this.exports, this.exports, localRequire, this, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const [script, cacheFile] of stale) {
      try {
        // Written aside and renamed, so that a process starting meanwhile reads all of it or none.
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}`, cacheFile);
      } catch {
        // A read-only installation runs without the cache.
      }
    }
  });
  require(entry);
}

if (bundleIsFresh()) {
  runWithCodeCache(join(bundle, 'flashmap.cjs'), join(bundle, 'cache'));
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import(join(root, 'src', 'cli', 'main.ts'));
  });
}
