import { html, nothing, type TemplateResult } from 'lit'
import type { MetaRow } from '../internal/token-draft'
import { blankRow } from '../internal/token-draft'
import type { FieldContext } from './form-fields'
import '../i18n/english-views'

/**
 * The metadata group (SPEC §13): one row a key, each a key field, a value field and a
 * remove button, then "Add row". Values are text; a stored value that is not a string
 * shows as its JSON (in monospace) and is saved as it was unless edited, then the text
 * typed is read as JSON (a row error when it does not parse). Stored keys are saved as
 * stored; typed ones trimmed.
 *
 * The keyboard moves on instead of submitting half-typed rows: Enter in a key goes to its
 * value; Enter in a value goes to the next row's key, or after a filled last row adds a
 * row and goes to its key (an empty last row adds nothing). "Add row" focuses the new
 * key; removing a row focuses the next row's key, or "Add row" after the last one.
 */
export function metaField(context: FieldContext): TemplateResult {
  const { t } = context.i18n
  const rows = context.draft.meta
  const error = context.errorAt(['meta'])
  return html`<fieldset
    class="box meta"
    part="field"
    aria-describedby=${error ? 'meta-error' : nothing}
  >
    <legend>${t('meta')}</legend>
    ${
      rows.length
        ? html`<div class="meta-row meta-head" aria-hidden="true">
            <span>${t('metaKey')}</span>
            <span>${t('metaValue')}</span>
          </div>`
        : context.readonly
          ? html`<p class="hint">${t('none')}</p>`
          : nothing
    }
    ${rows.map((row, index) => metaRow(context, row, index))}
    ${
      context.readonly
        ? nothing
        : html`<button id="meta-add" part="button" type="button" @click=${() => addRow(context)}>
            ${t('metaAdd')}
          </button>`
    }
    ${error ? html`<span class="error" id="meta-error">${error}</span>` : nothing}
  </fieldset>`
}

/** A value as its field shows it: text as is, anything else as its JSON. */
export function shownValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** One row: key, value, remove, and the row's own error (an empty or repeated key). */
function metaRow(context: FieldContext, row: MetaRow, index: number): TemplateResult {
  const { t } = context.i18n
  const error = context.errorAt(['meta', String(index)], true)
  const valueError = context.errorAt(['meta', String(index), 'value'])
  const describedBy = error ? `meta-${index}-error` : nothing
  const change = (changes: Partial<MetaRow>) =>
    context.set({
      meta: context.draft.meta.map((each, i) => (i === index ? { ...each, ...changes } : each)),
    })
  return html`<div class="meta-row">
    <input
      id="meta-key-${index}"
      aria-label=${t('metaKeyRow', { n: index + 1 })}
      autocomplete="off"
      spellcheck="false"
      .value=${row.key}
      ?disabled=${context.readonly}
      aria-invalid=${error && !valueError ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${(e: Event) => change({ key: (e.target as HTMLInputElement).value })}
      @keydown=${(e: KeyboardEvent) => onEnter(e, () => context.focusAfterUpdate(`#meta-value-${index}`))}
    />
    <input
      id="meta-value-${index}"
      class=${row.json ? 'json' : ''}
      aria-label=${t('metaValueRow', { n: index + 1 })}
      autocomplete="off"
      .value=${shownValue(row.value)}
      ?disabled=${context.readonly}
      aria-invalid=${valueError ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${(e: Event) => change({ value: (e.target as HTMLInputElement).value })}
      @keydown=${(e: KeyboardEvent) => onEnter(e, () => nextRow(context, index))}
    />
    ${
      context.readonly
        ? nothing
        : html`<button
            class="remove"
            part="button"
            type="button"
            aria-label=${t('metaRemove', { n: index + 1 })}
            title=${t('metaRemove', { n: index + 1 })}
            @click=${() => removeRow(context, index)}
          >
            <span aria-hidden="true">×</span>
          </button>`
    }
    ${error ? html`<span class="error" id="meta-${index}-error">${error}</span>` : nothing}
  </div>`
}

/** Enter (without a modifier, outside an IME composition) does `then` instead of submitting. */
function onEnter(event: KeyboardEvent, then: () => void): void {
  if (event.key !== 'Enter' || event.isComposing) return
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return
  event.preventDefault()
  then()
}

function addRow(context: FieldContext): void {
  const rows = context.draft.meta
  context.set({ meta: [...rows, { key: '', value: '' }] })
  context.focusAfterUpdate(`#meta-key-${rows.length}`)
}

/** Enter in a value: the next row's key; after a filled last row, a new row's key. */
function nextRow(context: FieldContext, index: number): void {
  const rows = context.draft.meta
  if (index < rows.length - 1) context.focusAfterUpdate(`#meta-key-${index + 1}`)
  else if (!blankRow(rows[index]!)) addRow(context)
}

function removeRow(context: FieldContext, index: number): void {
  const rows = context.draft.meta.filter((_, i) => i !== index)
  context.set({ meta: rows })
  context.focusAfterUpdate(index < rows.length ? `#meta-key-${index}` : '#meta-add')
}
