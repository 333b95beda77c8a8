// Wrong uses of tollgate/worker: each line marked ✗ fails to compile.
import { createTollgate, type TollgateBindings } from 'tollgate/worker'

const tollgate = createTollgate({ now: 'today' }) // ✗
const handler: ExportedHandler<TollgateBindings> = { fetch: tollgate.scheduled } // ✗
const pepper: number = ({} as TollgateBindings).TOKEN_PEPPER // ✗
export { handler, pepper }
