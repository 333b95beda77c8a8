// The one piece of `node:async_hooks` the worker tests touch (workerd implements it with
// nodejs_compat; the worker's types do not include Node's): see openapi-hook.ts.
declare module 'node:async_hooks' {
  /** Node's AsyncLocalStorage, as far as the tests use it. */
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined
    disable(): void
  }
}
