// Every public property of every element is in each framework's typings, with the type the
// class gives it: an oracle from the classes' own types (not from custom-elements.json,
// which the typings come from). A public property is one a host can write: not a getter
// alone, not a method, not LitElement's.
import type { LitElement } from 'lit'
import type { ReactProps } from 'tollgate/elements/react'
import type { SvelteProps } from 'tollgate/elements/svelte'
import type { VueProps } from 'tollgate/elements/vue'
import type { TollgateTag } from 'tollgate/elements/props'

type IfEquals<X, Y, A, B> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B
type Writable<E> = {
  [K in keyof E]-?: IfEquals<{ [Q in K]: E[K] }, { -readonly [Q in K]: E[K] }, K, never>
}[keyof E]
type Methods<E> = {
  [K in keyof E]-?: E[K] extends (...args: never[]) => unknown ? K : never
}[keyof E]

/** What the dialogs' `willUpdate` sets on every update: outputs, not inputs. */
type Outputs = {
  'api-token-delete-dialog': 'heading' | 'message' | 'consequence' | 'confirmLabel'
  'api-token-regenerate-dialog': 'heading' | 'message' | 'consequence' | 'confirmLabel' | 'variant'
}
type PublicProperties<T extends TollgateTag> = Exclude<
  Writable<HTMLElementTagNameMap[T]>,
  | keyof LitElement
  | Methods<HTMLElementTagNameMap[T]>
  | (T extends keyof Outputs ? Outputs[T] : never)
>

/** The properties of `<T>` that `Props` lacks, or types more narrowly than the class. */
type Gaps<Props extends Record<TollgateTag, object>> = {
  [T in TollgateTag]: {
    [K in PublicProperties<T>]: K extends keyof Props[T]
      ? HTMLElementTagNameMap[T][K] extends Props[T][K]
        ? never
        : `${T}.${K & string} (type)`
      : `${T}.${K & string} (missing)`
  }[PublicProperties<T>]
}[TollgateTag]

type None<Gap extends never> = Gap

export type ReactGaps = None<Gaps<{ [T in TollgateTag]: ReactProps<T> }>>
export type VueGaps = None<Gaps<{ [T in TollgateTag]: VueProps<T> }>>
export type SvelteGaps = None<Gaps<{ [T in TollgateTag]: SvelteProps<T> }>>

// The oracle sees the properties: the section has these six.
export const sectionProperties: Record<PublicProperties<'api-token-settings'>, true> = {
  apiBase: true,
  authEndpoint: true,
  getAuthToken: true,
  theme: true,
  locale: true,
  strings: true,
}
