/**
 * ESP-IDF partition tables: the engine converting every conformance CSV to a binary (median per
 * table, in one process), and the whole `flashmap esp32` process for one table, timed in turns
 * with a bare `node -e 0` so that both see the same machine: their ratio is the start-up cost
 * Flashmap adds to Node's own (the target is at most 1.1). When GEN_ESP32PART names a
 * gen_esp32part.py that python3 can run, the reference tool is measured the same way in the same
 * run (in one Python process for the per-table figure, as a process for the other).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseEsp32Args } from '../../src/cli/commands/esp32-args';
import { Esp32Error } from '../../src/codecs/esp32/errors';
import { runTool } from '../../src/codecs/esp32/tool';
import { REPO_ROOT } from '../../src/test-support/shared';
import { esp32Cases, ESP32_CASES_DIR } from '../../src/test-support/esp32-cases';
import { measure, median, type BenchResult } from './measure';

/** Runs of each process; the two are run in turns, after two warm-up runs each. */
const PROCESS_RUNS = 60;
/** The most the whole `flashmap esp32` process may take, as a multiple of `node -e 0`. */
const START_UP_TARGET = 1.1;
/** The table of the whole-process measurement: ESP-IDF's two-OTA layout, checked against 4 MB. */
const PROCESS_CASE = 'idf-two-ota';
const PROCESS_ARGS = ['-q', '--flash-size', '4MB'];

/** Runs the reference script on each case in one Python process, as often as the Node side runs. */
const PYTHON_DRIVER = `
import io, json, os, statistics, sys, time
script = sys.argv[1]
cases = json.load(sys.stdin)
code = compile(open(script, encoding='utf-8').read(), script, 'exec')
def run(case):
    sys.argv = [script] + case['args'] + ['-q', '--', case['input'], os.devnull]
    saved, sys.stderr = sys.stderr, io.StringIO()
    try:
        exec(code, {'__name__': '__main__', '__file__': script})
        return 0
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    except Exception:
        return 1
    finally:
        sys.stderr = saved
kept = [case for case in cases if run(case) == case['exit']]
for _ in range(3):
    for case in kept: run(case)
samples, started = [], time.perf_counter()
while len(samples) < 30 or time.perf_counter() - started < 1.0:
    t0 = time.perf_counter()
    for case in kept: run(case)
    samples.append((time.perf_counter() - t0) * 1000 / max(1, len(kept)))
print(json.dumps({'median': statistics.median(samples), 'kept': len(kept), 'samples': len(samples)}))
`;

type ProcessCommand = [string, string[]];

/** Median wall-clock time of each command as a whole process, the commands run in turns. */
function processMedians(commands: ProcessCommand[], runs = PROCESS_RUNS): number[] {
  const times = commands.map((): number[] => []);
  for (let i = 0; i < runs + 2; i++) {
    commands.forEach(([command, args], k) => {
      const started = performance.now();
      const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = performance.now() - started;
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
      if (i >= 2) times[k].push(elapsed); // two warm-up runs fill the file cache and V8's code cache
    });
  }
  return times.map(median);
}

/**
 * Instructions each command executes, counted by valgrind's callgrind: unlike wall-clock time,
 * this does not move with the load other processes put on the machine. Only with
 * BENCH_INSTRUCTIONS=1 (each count takes a few seconds) and valgrind installed.
 */
function instructionRatio(cli: ProcessCommand, bare: ProcessCommand): { ratio: number } | { missing: string } {
  if (process.env.BENCH_INSTRUCTIONS !== '1') return { missing: 'BENCH_INSTRUCTIONS=1 counts instructions too' };
  const count = ([command, args]: ProcessCommand): number | undefined => {
    const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', command, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    const found = /Collected : (\d+)/.exec(result.stderr ?? '');
    return found ? Number(found[1]) : undefined;
  };
  const [ours, theirs] = [count(cli), count(bare)];
  if (ours === undefined || theirs === undefined) return { missing: 'valgrind is not available' };
  return { ratio: ours / theirs };
}

/** Whether bin/flashmap.js runs the bundle for `esp32` (as it decides: dist-cli/sources.json). */
function bundleIsFresh(): boolean {
  const list = join(REPO_ROOT, 'dist-cli', 'sources.json');
  if (!existsSync(list)) return false;
  const built = statSync(list).mtimeMs;
  const sources = JSON.parse(readFileSync(list, 'utf8')) as { entry: string[]; commands: Record<string, string[]> };
  return [...sources.entry, ...(sources.commands.esp32 ?? [])].every((file) => existsSync(join(REPO_ROOT, file)) && statSync(join(REPO_ROOT, file)).mtimeMs <= built);
}

/**
 * The reference script, when GEN_ESP32PART names one that python3 runs; else why not. The
 * interpreter is resolved once, so a version manager's shim is not part of the measured time.
 */
function peerScript(): { script: string; python: string } | { missing: string } {
  const script = process.env.GEN_ESP32PART;
  if (!script) return { missing: 'GEN_ESP32PART is not set' };
  if (!existsSync(script)) return { missing: `GEN_ESP32PART=${script} does not exist` };
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout?.trim();
  if (!python) return { missing: 'python3 is not available' };
  const probe = spawnSync(python, [script, '--help'], { stdio: 'ignore' });
  if (probe.status !== 0) return { missing: `python3 cannot run ${script}` };
  return { script, python };
}

export async function run(): Promise<BenchResult[]> {
  const cases = esp32Cases();
  if (cases.length === 0) throw new Error(`no conformance cases in ${ESP32_CASES_DIR}`);
  const prepared = cases.map((c) => ({ input: c.input, settings: parseEsp32Args([...c.args, '--', 'input']).settings }));
  const engine = measure(
    () => {
      for (const { input, settings } of prepared) {
        try {
          runTool(input, settings);
        } catch (error) {
          if (!(error instanceof Esp32Error)) throw error;
        }
      }
    },
    { warmup: 10, minSamples: 50, minMillis: 1000 },
  );

  const input = join(ESP32_CASES_DIR, PROCESS_CASE, 'input.csv');
  const output = join(mkdtempSync(join(tmpdir(), 'flashmap-bench-')), 'partition-table.bin');
  const bundled = bundleIsFresh();
  const cliCommand: ProcessCommand = ['node', ['bin/flashmap.js', 'esp32', ...PROCESS_ARGS, input, output]];
  const bareCommand: ProcessCommand = ['node', ['-e', '0']];
  const [cli, bareNode] = processMedians([cliCommand, bareCommand]);
  const ratio = cli / bareNode;
  const instructions = instructionRatio(cliCommand, bareCommand);
  const counted = 'ratio' in instructions ? `; ${instructions.ratio.toFixed(3)}× the instructions of node -e 0 (callgrind)` : `; ${instructions.missing}`;

  const perTable: BenchResult = {
    name: `esp32: CSV → binary, ${cases.length} conformance tables (per table)`,
    unit: 'ms',
    median: engine.median / cases.length,
    samples: engine.samples,
  };
  const wholeProcess: BenchResult = {
    name: `esp32: whole CLI process, one table (${PROCESS_CASE})`,
    unit: 'ms',
    median: cli,
    samples: PROCESS_RUNS,
    baseline: { name: 'node -e 0', median: bareNode, ratio, target: START_UP_TARGET },
    note: (bundled ? 'CLI run from the dist-cli bundle' : 'CLI run through tsx: dist-cli is older than src/ (npm run prepare rebuilds it)') + counted,
  };

  const peer = peerScript();
  if ('missing' in peer) {
    const note = `peer gen_esp32part.py not available (${peer.missing})`;
    return [
      { ...perTable, note },
      { ...wholeProcess, note: `${wholeProcess.note}; ${note}` },
    ];
  }
  const driverInput = JSON.stringify(
    cases.map((c) => ({ args: c.args, input: join(ESP32_CASES_DIR, c.name, 'input.csv'), exit: c.expectedError ? c.expectedError.exit : 0 })),
  );
  const driven = spawnSync(peer.python, ['-c', PYTHON_DRIVER, peer.script], { input: driverInput, encoding: 'utf8' });
  if (driven.status !== 0) throw new Error(`the Python driver failed: ${driven.stderr}`);
  const python = JSON.parse(driven.stdout) as { median: number; kept: number };
  const [pythonProcess] = processMedians([[peer.python, [peer.script, ...PROCESS_ARGS, input, output]]], 20);
  return [
    {
      ...perTable,
      peer: { name: 'gen_esp32part.py', median: python.median },
      ...(python.kept < cases.length
        ? { note: `the peer ran the ${python.kept} of ${cases.length} tables it handles as the reference tool did (the others need a newer gen_esp32part.py)` }
        : {}),
    },
    { ...wholeProcess, peer: { name: 'gen_esp32part.py (python3)', median: pythonProcess } },
  ];
}
