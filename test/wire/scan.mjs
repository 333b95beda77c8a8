// The `tollgate scan` steps alone, without `wrangler dev` (scan is offline): the wire
// suite (wire.mjs) runs the same steps among its own.
//   npx node test/wire/scan.mjs
import { runSteps } from '../../scripts/run-steps.mjs'
import { steps } from './steps.mjs'
import './cli-scan.mjs'
import './cli-scan-properties.mjs'
import './cli-scan-docs.mjs'

await runSteps({ label: 'scan', steps })
