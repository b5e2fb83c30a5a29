// Bundles the CLI so `flashmap` starts fast: CommonJS (which Node loads faster than ES modules),
// each command in a chunk of its own loaded only when it runs, and everything `flashmap esp32`
// needs (the command, argparse, the ESP-IDF codec) in one chunk, since every file costs a lookup
// and a compile at start-up. sources.json lists the source files behind each command, so that
// bin/flashmap.js can tell cheaply whether the bundle is older than what it was built from. After
// the build, one conversion through bin/flashmap.js fills V8's code cache (dist-cli/cache) with
// the functions a conversion runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const ESP32_DROP_IN = /\/src\/(cli\/argparse|cli\/commands\/esp32[^/]*|codecs\/esp32\/[^/]+|codecs\/(errors|text)|model\/units)\.ts$/;
const COMMAND = /\/src\/cli\/commands\/([a-z0-9]+)\.ts$/;

interface ChunkFacts {
  fileName: string;
  moduleIds: string[];
  imports: string[];
  dynamicImports: string[];
  isEntry: boolean;
}

/** dist-cli/sources.json: { entry: [files], commands: { esp32: [files], … } }, paths from the root. */
function sourceList(): Plugin {
  return {
    name: 'flashmap-sources',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkFacts>();
      for (const output of Object.values(bundle)) if (output.type === 'chunk') chunks.set(output.fileName, output as unknown as ChunkFacts);
      // Every module a chunk runs, with what it loads statically and (for a command) lazily.
      const closure = (start: ChunkFacts, lazily: boolean): Set<string> => {
        const files = new Set<string>();
        const seen = new Set<string>();
        const visit = (chunk: ChunkFacts | undefined) => {
          if (!chunk || seen.has(chunk.fileName)) return;
          seen.add(chunk.fileName);
          for (const id of chunk.moduleIds) if (id.includes('/src/')) files.add(relative(process.cwd(), id));
          chunk.imports.forEach((name) => visit(chunks.get(name)));
          if (lazily) chunk.dynamicImports.forEach((name) => visit(chunks.get(name)));
        };
        visit(start);
        return files;
      };
      const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
      const commands: Record<string, string[]> = {};
      for (const chunk of chunks.values()) {
        for (const id of chunk.moduleIds) {
          const name = COMMAND.exec(id)?.[1];
          if (name) commands[name] = [...closure(chunk, true)].sort();
        }
      }
      const sources = { entry: [...closure(entry, false), 'vite.cli.config.ts'].sort(), commands };
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: JSON.stringify(sources, null, 1) + '\n' });
    },
  };
}

/** A typical ESP-IDF table (two OTA slots), converted once so that its functions are cached. */
const WARM_UP_TABLE = 'nvs,data,nvs,0x9000,0x4000,\notadata,data,ota,0xd000,0x2000,\nphy_init,data,phy,0xf000,0x1000,\nfactory,app,factory,0x10000,1M,\nota_0,app,ota_0,,1M,\nota_1,app,ota_1,,1M,\n';

function warmCodeCache(): Plugin {
  return {
    name: 'flashmap-warm-code-cache',
    closeBundle() {
      const dir = mkdtempSync(join(tmpdir(), 'flashmap-warm-'));
      writeFileSync(join(dir, 'partitions.csv'), WARM_UP_TABLE);
      spawnSync(process.execPath, ['bin/flashmap.js', 'esp32', '-q', '--flash-size', '4MB', join(dir, 'partitions.csv'), join(dir, 'partition-table.bin')], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [sourceList(), warmCodeCache()],
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      output: {
        format: 'cjs',
        entryFileNames: 'flashmap.cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
        manualChunks: (id) => (ESP32_DROP_IN.test(id) ? 'esp32' : undefined),
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
