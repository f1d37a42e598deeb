// The service in production runs one bundled JavaScript file per entry, not TypeScript through tsx:
// no compiler in memory and no resolving hundreds of modules at each start. Built once by the setup
// and rebuilt only when a source that went into the bundle (or the lockfile) changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** What `npm start`, `npm run bonrelay` and the systemd unit run, by output name. */
export const serviceEntries = {
  main: 'apps/service/src/main.ts',
  cli: 'apps/service/src/cli/run.ts',
};

/** Where the bundles go (beside `src`, so `../package.json` still finds the service's version). */
export const serviceOutDir = 'apps/service/dist';

const stampName = 'build-stamp.json';
// Bundled CommonJS dependencies call require() for Node's own modules; ESM has no require.
const requireShim =
  "import { createRequire as bonrelayCreateRequire } from 'node:module';\n" +
  'const require = bonrelayCreateRequire(import.meta.url);';

const hashOf = (/** @type {string} */ file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Files whose change must rebuild: every bundled source outside node_modules, the lockfile (a
 * dependency changed) and this script (the recipe changed).
 * @param {string} root
 * @param {string[]} bundled paths relative to root, as esbuild's metafile names them
 */
function stampOf(root, bundled) {
  const files = [...bundled.filter((file) => !file.includes('node_modules/')), 'pnpm-lock.yaml'];
  files.push(relative(root, new URL(import.meta.url).pathname));
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const file of [...new Set(files)].sort()) {
    if (existsSync(join(root, file))) inputs[file] = hashOf(join(root, file));
  }
  return { inputs };
}

/**
 * Whether the bundles in `outDir` were built from exactly the sources there now.
 * @param {string} root
 * @param {{ entries?: Record<string, string>, outDir?: string }} [options]
 */
export function buildIsCurrent(root, { entries = serviceEntries, outDir = serviceOutDir } = {}) {
  const stampFile = join(root, outDir, stampName);
  if (!existsSync(stampFile)) return false;
  if (!Object.keys(entries).every((name) => existsSync(join(root, outDir, `${name}.js`)))) return false;
  /** @type {{ inputs: Record<string, string> }} */
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  return Object.entries(stamp.inputs).every(
    ([file, hash]) => existsSync(join(root, file)) && hashOf(join(root, file)) === hash,
  );
}

/**
 * Bundles the service (better-sqlite3 and @resvg/resvg-js stay outside: they are native addons) unless the bundles are
 * current. Each file is written under a temporary name and renamed, the stamp last, so a start
 * running beside a build never loads half a bundle. Returns whether it had to build.
 * @param {string} root
 * @param {{ entries?: Record<string, string>, outDir?: string, say?: (message: string) => void }} [options]
 * @returns {Promise<'built' | 'current'>}
 */
export async function ensureServiceBuilt(
  root,
  { entries = serviceEntries, outDir = serviceOutDir, say } = {},
) {
  if (buildIsCurrent(root, { entries, outDir })) return 'current';
  say?.('building the service (once; again only when its sources change)');
  const esbuild = await import('esbuild');
  // esbuild answers from a helper process; it must not stay beside the service it built.
  const result = await esbuild
    .build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(
        Object.entries(entries).map(([name, file]) => [name, join(root, file)]),
      ),
      outdir: join(root, outDir),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', '@resvg/resvg-js'],
      banner: { js: requireShim },
      // Less source for V8 to hold and pre-parse; identifiers stay, so stack traces keep their names.
      minifyWhitespace: true,
      minifySyntax: true,
      metafile: true,
      write: false,
      logLevel: 'warning',
    })
    .finally(() => esbuild.stop());
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(`${file.path}.partial`, file.contents);
    renameSync(`${file.path}.partial`, file.path);
  }
  const stampFile = join(root, outDir, stampName);
  writeFileSync(
    `${stampFile}.partial`,
    `${JSON.stringify(stampOf(root, Object.keys(result.metafile.inputs)), null, 2)}\n`,
  );
  renameSync(`${stampFile}.partial`, stampFile);
  return 'built';
}
