#!/usr/bin/env node
// The one test entry (`npm test`, also run by CI): installs what is missing, then runs the type
// check, ESLint, the house rules (dependency-cruiser), unused code (knip), the unit tests (vitest)
// and the e2e tests (Playwright on the production build).
// Its last line is an honest total read from the runners' JSON reports:
// "N passed, N failed, N skipped". A check or runner that crashes counts as a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');
const chromium = process.env.FLASHMAP_CHROMIUM ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function fail(what) {
  totals.failed += 1;
  failures.push(what);
}

function ensurePackages() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  if (!run('npm', ['ci'])) fail('npm ci');
}

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env.FLASHMAP_CHROMIUM) {
    console.log(`Chromium not found at ${chromium}; install Debian's chromium or set FLASHMAP_CHROMIUM.`);
    return;
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}

/** The Debian tools the tests use as oracles, installed in one apt-get run (see src/test-support/debian.ts). */
function ensureOraclePackages() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return;
  const wanted = JSON.parse(readFileSync(join(root, 'src', 'test-support', 'oracle-packages.json'), 'utf8'));
  const missing = wanted.filter((pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout !== 'install ok installed');
  if (missing.length === 0) return;
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  if (!run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env)) fail(`apt-get install ${missing.join(' ')}`);
}

function check(name, command, args) {
  if (run(command, args)) totals.passed += 1;
  else fail(name);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function countVitest(report) {
  if (!report) return fail('vitest (no report: the runner crashed)');
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  const named = [];
  // A test file that fails to load has no failing test of its own: count the file.
  for (const file of report.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failed) named.push(`vitest: ${relative(root, file.name)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (file.status === 'failed' && failed.length === 0) fail(`vitest: broken test file ${relative(root, file.name)}: ${firstLine(file.message)}`);
  }
  if (report.numFailedTests > 0) failures.push(...(named.length > 0 ? named : [`vitest: ${report.numFailedTests} test(s)`]));
}

/** The first line of a failure, so the log's tail names what failed and why (CI shows only the tail). */
function firstLine(message) {
  return stripVTControlCharacters(String(message ?? '')).split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
}

/** Every Playwright test whose outcome was unexpected, with its file, title and first error line. */
function unexpectedTests(suite, titles = []) {
  // The outermost suite is the spec file, named already by spec.file: its title is left out.
  const path = suite.title ? [...titles, suite.title] : titles;
  const own = (suite.specs ?? []).flatMap((spec) => (spec.tests ?? [])
    .filter((test) => test.status === 'unexpected')
    .map((test) => {
      const error = test.results?.find((r) => r.error)?.error?.message;
      return `playwright: ${spec.file}:${spec.line} › ${[...path.slice(1), spec.title].join(' › ')} [${test.projectName}]: ${firstLine(error)}`;
    }));
  return [...own, ...(suite.suites ?? []).flatMap((child) => unexpectedTests(child, path))];
}

function countPlaywright(report) {
  if (!report) return fail('playwright (no report: the runner crashed)');
  const stats = report.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (stats.unexpected > 0) {
    const named = (report.suites ?? []).flatMap((suite) => unexpectedTests(suite));
    failures.push(...(named.length > 0 ? named : [`playwright: ${stats.unexpected} test(s)`]));
  }
  // Errors outside tests: a server that did not start, a file that does not load.
  for (const error of report.errors ?? []) fail(`playwright: ${String(error.message ?? error).split('\n')[0]}`);
}

ensurePackages();
ensureChromium();
ensureOraclePackages();
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

check('type check (tsc -b)', 'npx', ['tsc', '-b']);
check('lint (eslint)', 'npx', ['eslint', '.']);
check('house rules (dependency-cruiser)', 'npm', ['run', '--silent', 'check:house']);
check('unused files and exports (knip)', 'npm', ['run', '--silent', 'check:unused']);

const vitestReport = join(reports, 'vitest.json');
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
countVitest(readJson(vitestReport));

const playwrightReport = join(reports, 'playwright.json');
run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, FLASHMAP_CHROMIUM: chromium });
countPlaywright(readJson(playwrightReport));

if (failures.length > 0) console.log(`\nFailures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
