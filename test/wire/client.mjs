// `tollgate/client` against the running worker (SPEC §11), in both places it runs: Node,
// and Chromium on a page of the gate. The same scenario (client-scenario.ts) drives every
// method of the client and the §2 errors it throws.
import { build } from 'esbuild'
import { tsImport } from 'tsx/esm/api'
import { expectEqual, HOST, step, viaFetch, wire } from './steps.mjs'
import { launchChromium } from '../../scripts/launch-chromium.mjs'

step('createTollgateClient in Node: every admin route, and TollgateApiError', async () => {
  const { runClientScenario } = await tsImport('./client-scenario.ts', import.meta.url)
  await runClientScenario(`http://${HOST}`, wire.jwt, 'Node')
})

step('createTollgateClient in Chromium: the same, from a page of the gate', async () => {
  const bundle = await build({
    entryPoints: [new URL('./client-scenario.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'clientScenario',
    target: 'es2022',
  })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(`http://${HOST}/`)
    await page.addScriptTag({ content: bundle.outputFiles[0].text })
    const failure = await page.evaluate(
      ({ jwt }) =>
        // In the page: the bundle's global, set by the script tag above.
        globalThis['clientScenario']
          .runClientScenario(globalThis['location'].origin, jwt, 'Chromium')
          .then(
            () => null,
            (/** @type {Error} */ error) => error.message,
          ),
      { jwt: wire.jwt },
    )
    if (failure) throw new Error(failure)
  } finally {
    await browser.close()
  }
})

step(
  'examples/provision-key.mjs: a key that reads at the gate, and a taken name answered',
  async () => {
    const { provisionKey } = await tsImport('../../examples/provision-key.mjs', import.meta.url)
    const options = { baseUrl: `http://${HOST}`, adminJwt: wire.jwt, name: `deploy ${Date.now()}` }
    const first = await provisionKey(options)
    const read = await viaFetch('/api/articles', {
      headers: { Authorization: `Bearer ${first.accessKey}` },
    })
    const again = await provisionKey(options)
    expectEqual(
      'the key reads; the same name again',
      [200, { id: first.id, taken: true }],
      [read.status, again],
    )
  },
)
