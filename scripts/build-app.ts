/**
 * Bundles one app's entry points into dist/ as plain JavaScript for Node. Workspace packages
 * (which ship TypeScript sources) and what they use are bundled in; the app's own npm
 * dependencies stay external and resolve from its node_modules.
 */
import { build } from 'esbuild'
import type { Plugin } from 'esbuild'
import { existsSync, readFileSync } from 'node:fs'

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>
}
const ownDependencies = Object.keys(manifest.dependencies ?? {}).filter(
  (name) => !name.startsWith('@proov/'),
)
const isOwnDependency = (path: string) =>
  ownDependencies.some((name) => path === name || path.startsWith(`${name}/`))

const workspaceInside: Plugin = {
  name: 'workspace-inside',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || isOwnDependency(args.path)) {
        return { path: args.path, external: true }
      }
      return undefined
    })
  },
}

const entries = ['src/main.ts', 'src/worker-main.ts'].filter((entry) => existsSync(entry))

await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  plugins: [workspaceInside],
  logLevel: 'warning',
  // Bundled CommonJS dependencies may call require().
  banner: {
    js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
  },
})
console.log(`built ${entries.join(', ')} into dist/`)
