// After `vite build`:
//  1. dist/api-docs/: Swagger UI from swagger-ui-dist with our own index.html and init script
//     (no inline script: the server's CSP is script-src 'self'), plus ../docs/openapi.yaml when
//     it exists. The server serves this folder at /api/docs.
//  2. A .gz beside every compressible file over 1 KB, for servers that send precompressed files.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, gzipSync } from 'node:zlib'

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(webDir, 'dist')
const docsOut = join(dist, 'api-docs')
const require = createRequire(import.meta.url)

if (!existsSync(dist)) {
  console.error(`postbuild: ${dist} does not exist; run vite build first`)
  process.exit(1)
}

// --- 1. API docs -----------------------------------------------------------------------------
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'))
mkdirSync(docsOut, { recursive: true })
for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']) {
  copyFileSync(join(swaggerDir, file), join(docsOut, file))
}

// Absolute paths, so the page works whether it is opened as /api/docs or /api/docs/.
writeFileSync(
  join(docsOut, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Bangyi API</title>
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`,
)

writeFileSync(
  join(docsOut, 'init.js'),
  `// Starts Swagger UI on the spec the server publishes (kept out of index.html for the CSP).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/docs/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    withCredentials: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  })
})
`,
)

const spec = join(webDir, '..', 'docs', 'openapi.yaml')
if (existsSync(spec)) {
  copyFileSync(spec, join(docsOut, 'openapi.yaml'))
  console.log('postbuild: copied docs/openapi.yaml to dist/api-docs/')
} else {
  console.log('postbuild: docs/openapi.yaml not found; dist/api-docs/ has no spec')
}

// --- 2. gzip ---------------------------------------------------------------------------------
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.html', '.json', '.yaml'])
const MIN_BYTES = 1024

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      yield* walk(path)
    } else if (entry.isFile()) {
      yield path
    }
  }
}

let count = 0
let raw = 0
let zipped = 0
for (const path of walk(dist)) {
  if (!COMPRESSIBLE.has(extname(path)) || statSync(path).size <= MIN_BYTES) {
    continue
  }
  const data = readFileSync(path)
  // mtime 0 in the header (Node's default), so the same input gives the same bytes.
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION })
  writeFileSync(`${path}.gz`, gz)
  count++
  raw += data.length
  zipped += gz.length
}
console.log(`postbuild: gzipped ${count} files in ${relative(webDir, dist)}/ (${kb(raw)} → ${kb(zipped)})`)

// --- report the initial JS (entry + what index.html preloads) ---------------------------------
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
let initialJs = 0
let initialCss = 0
for (const asset of initial) {
  const gzPath = join(dist, `${asset}.gz`)
  const size = existsSync(gzPath) ? statSync(gzPath).size : gzipSync(readFileSync(join(dist, asset))).length
  if (asset.endsWith('.js')) {
    initialJs += size
  } else {
    initialCss += size
  }
}
console.log(`postbuild: initial load (gzip): JS ${kb(initialJs)}, CSS ${kb(initialCss)} in ${initial.length} files`)

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`
}
