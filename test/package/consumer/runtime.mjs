// What the package suite calls at run time, resolved from this project as a user's
// code resolves it: through node_modules/tollgate's `exports`.
export * as client from 'tollgate/client'
export * as origin from 'tollgate/origin'
