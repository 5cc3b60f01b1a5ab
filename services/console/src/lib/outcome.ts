// A mutation's result, settled for a form: done, or what to show where.
import type { OperationResult } from '@urql/core'
import { reactive, type Ref } from 'vue'
import { describeFailure, formErrors, type PayloadError } from './errors'

export type Outcome<P> =
  | { ok: true; payload: P }
  | { ok: false; fields: Record<string, string>; general: string[] }

export function settle<D, P extends { errors: readonly PayloadError[] }>(
  result: Pick<OperationResult<D>, 'data' | 'error'>,
  pick: (data: D) => P,
  formFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): Outcome<P> {
  if (result.error) return { ok: false, fields: {}, general: [describeFailure(result.error)] }
  if (result.data == null) return { ok: false, fields: {}, general: [describeFailure(new Error('no data') as never)] }
  const payload = pick(result.data)
  if (payload.errors.length) return { ok: false, ...formErrors(payload.errors, formFields, aliases) }
  return { ok: true, payload }
}

/** Errors a form shows: per field (`<el-form-item :error>`) and above the form. */
export function useFormErrors() {
  const state = reactive<{ fields: Record<string, string>; general: string[] }>({ fields: {}, general: [] })
  return {
    state,
    clear(): void {
      state.fields = {}
      state.general = []
    },
    show(outcome: { fields: Record<string, string>; general: string[] }): void {
      state.fields = outcome.fields
      state.general = outcome.general
    },
  }
}

/**
 * Send a form: clear what it showed before; with local problems, show them at
 * their fields and send nothing; otherwise run the request with `busy` set.
 */
export async function sendForm(
  errors: ReturnType<typeof useFormErrors>,
  busy: Ref<boolean>,
  problems: Record<string, string | null>,
  request: () => Promise<void>,
): Promise<void> {
  errors.clear()
  const fields = Object.fromEntries(Object.entries(problems).filter((e): e is [string, string] => e[1] !== null))
  if (Object.keys(fields).length) {
    errors.show({ fields, general: [] })
    return
  }
  busy.value = true
  try {
    await request()
  } finally {
    busy.value = false
  }
}
